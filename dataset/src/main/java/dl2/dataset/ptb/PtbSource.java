package dl2.dataset.ptb;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a language-model program takes its text from, decided by its {@code --data} option
 * (DESIGN.md, "Conventions": {@code --data PATH}): the real Penn Treebank files in a folder, or the
 * {@link BuiltinCorpus} when there are none. {@link #description()} is the line the program prints so the
 * reader knows which one ran.
 */
public final class PtbSource {
    /** The folder used when {@code --data} is not given: {@code data/ptb}, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("data", "ptb");
    /** The {@code --data} value that asks for the generated corpus. */
    public static final String BUILTIN = "builtin";

    private final Path dir;
    private final long seed;
    private final int trainWords;
    private final String name;
    private final String description;

    private PtbSource(Path dir, long seed, int trainWords, String name, String description) {
        this.dir = dir;
        this.seed = seed;
        this.trainWords = trainWords;
        this.name = name;
        this.description = description;
    }

    /** {@link #resolve(String, Path)} with {@link #DEFAULT_DIR}. */
    public static PtbSource resolve(String dataOption) {
        return resolve(dataOption, DEFAULT_DIR);
    }

    /**
     * The source a {@code --data} value names: {@code "builtin"} gives the generated corpus, a path gives
     * the PTB files in that folder, and no value (null or empty) gives {@code defaultDir} when it exists,
     * else the generated corpus with a description saying so.
     *
     * @throws dl2.dataset.DataException when a path is given and is not a folder
     */
    public static PtbSource resolve(String dataOption, Path defaultDir) {
        if (dataOption == null || dataOption.isBlank()) {
            if (Files.isDirectory(defaultDir)) {
                return files(defaultDir);
            }
            long seed = BuiltinCorpus.DEFAULT_SEED;
            int trainWords = BuiltinCorpus.DEFAULT_TRAIN_WORDS;
            String name = BuiltinCorpus.describe(seed, trainWords);
            return new PtbSource(null, seed, trainWords, name, "data: " + name + ", because there is no folder " + defaultDir
                    + " (put ptb.train.txt, ptb.valid.txt and ptb.test.txt there, or pass --data DIR, to use the Penn Treebank)");
        }
        if (dataOption.equals(BUILTIN)) {
            return builtin(BuiltinCorpus.DEFAULT_SEED, BuiltinCorpus.DEFAULT_TRAIN_WORDS);
        }
        return files(Path.of(dataOption));
    }

    /** The PTB files in {@code dir}; throws {@link dl2.dataset.DataException} when {@code dir} is not a folder. */
    public static PtbSource files(Path dir) {
        Ptb.requireDir(dir);
        return new PtbSource(dir, 0, 0, "Penn Treebank from " + dir, "data: Penn Treebank from " + dir);
    }

    /** The generated corpus of {@code seed} with {@code trainWords} training words. */
    public static PtbSource builtin(long seed, int trainWords) {
        String name = BuiltinCorpus.describe(seed, trainWords);
        return new PtbSource(null, seed, trainWords, name, "data: " + name);
    }

    /** True for the generated corpus, false for PTB files. */
    public boolean isBuiltin() {
        return dir == null;
    }

    /**
     * What the data is, the same however it was chosen (with {@code --data builtin} or by default), e.g.
     * "Penn Treebank from data/ptb" or "builtin corpus (generated, seed 1984, 100000 training words)": the value a
     * checkpoint records, so that a run resumed with the same data is recognised.
     */
    public String name() {
        return name;
    }

    /** The line to print, e.g. "data: Penn Treebank from data/ptb" or "data: builtin corpus (generated, ...)". */
    public String description() {
        return description;
    }

    /** Loads {@code train}, {@code valid} or {@code test} from this source. */
    public Corpus load(String split) {
        return isBuiltin() ? BuiltinCorpus.load(seed, split, trainWords) : Ptb.load(dir, split);
    }

    @Override
    public String toString() {
        return description;
    }
}
