package dl2.dataset.ptb;

import dl2.dataset.DataException;
import dl2.dataset.DataFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Penn Treebank loader: the book's {@code dataset/ptb.py} (section 2.4.5, used from chapter 5 on; DESIGN.md, "dataset/ptb.py").
 *
 * <p>Each split is a text file, one sentence per line, words separated by spaces (rare words already
 * written {@code <unk>}, numbers {@code N}). Like the book, every end of line becomes the word
 * {@code <eos>}, and word ids are numbered in order of first appearance in {@code ptb.train.txt}
 * (10 000 words). The valid and test texts use the training vocabulary; a word it lacks is an error.
 */
public final class Ptb {
    /** The split names, as the book's {@code load_data(data_type)} takes them. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");
    /** The word that ends every line. */
    public static final String EOS = "<eos>";

    private static final String WHERE_TO_GET = "put ptb.train.txt, ptb.valid.txt and ptb.test.txt there (readers usually"
            + " take them from the book's repository, whose dataset/ptb.py downloads them from the \"simple-examples\""
            + " PTB distribution), or use --data builtin for a generated corpus instead.";

    private Ptb() {
    }

    /** The file of a split: {@code ptb.train.txt}, {@code ptb.valid.txt} or {@code ptb.test.txt}. */
    public static String fileName(String split) {
        return "ptb." + checkSplit(split) + ".txt";
    }

    /**
     * Loads one split from {@code dir}, like the book's {@code ptb.load_data(split)}.
     *
     * @param split {@code train}, {@code valid} (or the book's {@code val}) or {@code test}
     * @throws DataException when the folder or a file is missing, empty, unreadable, or when the valid or
     *                       test text has a word that the training text lacks
     */
    public static Corpus load(Path dir, String split) {
        String name = checkSplit(split);
        requireDir(dir);
        Path trainFile = dir.resolve(fileName("train"));
        Map<String, Integer> wordToId = new HashMap<>();
        List<String> idToWord = new ArrayList<>();
        int[] trainIds = readIds(trainFile, wordToId, idToWord, true);
        if (name.equals("train")) {
            return new Corpus(trainFile.toString(), trainIds, idToWord);
        }
        Path file = dir.resolve(fileName(name));
        return new Corpus(file.toString(), readIds(file, wordToId, idToWord, false), idToWord);
    }

    /** Throws the {@link DataException} that says where the PTB files go when {@code dir} is not a folder. */
    static void requireDir(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new DataException(dir + " is a file, not a folder with the Penn Treebank files; give its folder, or "
                    + WHERE_TO_GET.replace(" there", " in a folder"));
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException("no folder " + dir + " with the Penn Treebank files; " + WHERE_TO_GET);
        }
    }

    /** Maps the book's {@code val} to {@code valid} and rejects unknown split names. */
    static String checkSplit(String split) {
        String name = "val".equals(split) ? "valid" : split;
        if (!SPLITS.contains(name)) {
            throw new IllegalArgumentException("PTB split must be train, valid or test, not " + split);
        }
        return name;
    }

    /**
     * The word ids of a file, {@code <eos>} after every line. With {@code grow} a new word gets the next id;
     * without, a new word is an error (valid and test use the training vocabulary).
     */
    private static int[] readIds(Path file, Map<String, Integer> wordToId, List<String> idToWord, boolean grow) {
        List<String[]> lines = DataFiles.readLines(file, WHERE_TO_GET).stream().map(Ptb::words).toList();
        int[] ids = new int[lines.stream().mapToInt(words -> words.length + 1).sum()];
        if (ids.length == lines.size()) {
            throw new DataException(file + " has no words; it must hold the Penn Treebank text, one sentence per line.");
        }
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (String word : lines.get(i)) {
                ids[n++] = idOf(word, wordToId, idToWord, grow, file, i + 1);
            }
            ids[n++] = idOf(EOS, wordToId, idToWord, grow, file, i + 1);
        }
        return ids;
    }

    private static int idOf(String word, Map<String, Integer> wordToId, List<String> idToWord, boolean grow, Path file, int line) {
        Integer id = wordToId.get(word);
        if (id != null) {
            return id;
        }
        if (!grow) {
            throw new DataException(file + " line " + line + ": word '" + word + "' is not in the vocabulary of "
                    + fileName("train") + "; the valid and test texts may only use training words (PTB writes rare words as <unk>).");
        }
        wordToId.put(word, idToWord.size());
        idToWord.add(word);
        return idToWord.size() - 1;
    }

    private static String[] words(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }
}
