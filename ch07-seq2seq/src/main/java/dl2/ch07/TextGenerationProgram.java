package dl2.ch07;

import dl2.ch06.BetterRnnlm;
import dl2.ch06.Rnnlm;
import dl2.ch06.RnnlmKind;
import dl2.ch06.RnnlmModel;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.dataset.ptb.Corpus;
import dl2.dataset.ptb.Ptb;
import dl2.dataset.ptb.PtbSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What {@code generate-text} and {@code generate-better-text} share (book 7.1, {@code ch07/generate_text.py}
 * and {@code generate_better_text.py}): load the parameters a chapter-6 program saved, load the same corpus
 * for the vocabulary, and print a sampled text with {@code <eos>} shown as the end of a line.
 */
abstract class TextGenerationProgram implements Callable<Integer> {
    @Mixin
    protected CommonOptions common;

    @Option(names = "--params", paramLabel = "PATH",
            description = "Parameters saved by the chapter-6 training program. Default: where that program saves them.")
    private Path params;

    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "The corpus the model was trained on (the same --data as its training): a folder with the PTB files,"
                    + " or 'builtin'. Default: data/ptb if it exists, else builtin.")
    private String data;

    @Option(names = "--start-word", paramLabel = "WORD", defaultValue = "you", description = "The first word.")
    protected String startWord;

    @Option(names = "--length", paramLabel = "N", defaultValue = "100", description = "Words in the text, the start word included.")
    protected int length;

    @Option(names = "--skip", paramLabel = "WORDS", defaultValue = "N,<unk>,$", split = ",",
            description = "Words never sampled (those in the vocabulary).")
    private Set<String> skipWords;

    /** The chapter-6 model this program generates with. */
    protected abstract RnnlmKind kind();

    /** The loaded generator and its corpus, once the checks passed. */
    protected record Loaded(RnnlmGen generator, Corpus corpus, Set<Integer> skipIds) {
    }

    /** Loads the parameters and the corpus and checks that they fit each other and the options. */
    protected Loaded load() {
        Check.positive("--length", length);
        PrintWriter out = common.stdout();
        Path file = params != null ? params : kind().defaultParams();
        RnnlmModel model = kind().load(file);
        PtbSource source = PtbSource.resolve(data);
        Corpus corpus = source.load("train");
        out.println("model: " + kind().modelId() + " from " + file);
        out.println(source.description());
        int modelVocab = Integer.parseInt(model.sizes().get(RnnlmModel.VOCAB_SIZE));
        if (modelVocab != corpus.vocabSize()) {
            throw new UserException(file + " was trained on a vocabulary of " + modelVocab + " words but " + corpus.source()
                    + " has " + corpus.vocabSize() + "; give the same --data as `./dl2 " + kind().trainProgram() + "` used");
        }
        Set<Integer> skipIds = new HashSet<>();
        for (String w : skipWords) {
            if (corpus.id(w) >= 0) {
                skipIds.add(corpus.id(w));
            }
        }
        Rng rng = new Rng(common.seed());
        RnnlmGen generator = model instanceof BetterRnnlm better ? new BetterRnnlmGen(better, rng) : new RnnlmGen((Rnnlm) model, rng);
        return new Loaded(generator, corpus, skipIds);
    }

    /** The id of {@code word}, or a user error naming the option it came from. */
    protected static int wordId(Corpus corpus, String word, String option) {
        int id = corpus.id(word);
        if (id < 0) {
            throw new UserException(option + ": the word '" + word + "' is not in the vocabulary of " + corpus.source()
                    + "; choose a word of that corpus (e.g. '" + corpus.word(0) + "')");
        }
        return id;
    }

    /** The words of {@code ids} joined by spaces, each {@code <eos>} written as a full stop that ends the line, as the book prints them. */
    protected static String text(Corpus corpus, int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String word = corpus.word(id);
            if (word.equals(Ptb.EOS)) {
                sb.append(".\n");
            } else {
                sb.append(sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n' ? "" : " ").append(word);
            }
        }
        return sb.toString();
    }
}
