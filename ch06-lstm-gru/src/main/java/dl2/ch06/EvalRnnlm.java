package dl2.ch06;

import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.util.Util;
import dl2.dataset.ptb.Corpus;
import dl2.dataset.ptb.PtbSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures the test perplexity of saved parameters ({@code ch06/eval.py} of the book's code, 6.5.4): builds the model the
 * parameters file describes ({@link RnnlmKind#load}), puts it in evaluation mode and runs
 * {@code eval_perplexity} over the test text.
 */
@Command(name = "eval-rnnlm", sortOptions = false,
        description = "Test perplexity of the parameters saved by train-rnnlm or train-better-rnnlm (ch06/eval.py).")
public final class EvalRnnlm implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--model", paramLabel = "rnnlm|better", defaultValue = "rnnlm",
            description = "Which model the parameters belong to: rnnlm (saved by train-rnnlm) or better (saved by train-better-rnnlm).")
    private RnnlmKind kind;

    @Option(names = "--params", paramLabel = "PATH",
            description = "The parameters file. Default: out/train-rnnlm/Rnnlm.params or out/train-better-rnnlm/BetterRnnlm.params.")
    private Path params;

    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "The corpus the model was trained on (the same --data as its training). Default: data/ptb if it exists, else builtin.")
    private String data;

    @Option(names = "--split", paramLabel = "test|valid", defaultValue = "test", description = "The text to measure.")
    private String split;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10", description = "Rows per batch (the book's eval_perplexity uses 10).")
    private int batchSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "35", description = "Time steps per batch.")
    private int timeSize;

    public static void main(String[] args) {
        System.exit(Programs.run(new EvalRnnlm(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--time-size", timeSize);
        if (!split.equals("test") && !split.equals("valid")) {
            throw new UserException("--split must be test or valid, got " + split);
        }
        PrintWriter out = common.stdout();
        Path file = params != null ? params : kind.defaultParams();
        RnnlmModel model = kind.load(file);
        out.println("model: " + kind.modelId() + " " + model.sizes() + " from " + file);
        PtbSource source = PtbSource.resolve(data);
        out.println(source.description());
        Corpus text = source.load(split);
        int modelVocab = Integer.parseInt(model.sizes().get(RnnlmModel.VOCAB_SIZE));
        if (modelVocab != text.vocabSize()) {
            throw new UserException(file + " was trained on a vocabulary of " + modelVocab + " words but " + text.source()
                    + " has " + text.vocabSize() + "; give the same --data as `./dl2 " + kind.trainProgram() + "` used");
        }
        model.setTraining(false);
        model.resetState();
        double ppl = Util.evalPerplexity(model, text.ids(), batchSize, timeSize);
        out.printf(Locale.ROOT, "%s perplexity: %.2f%n", split, ppl);
        return 0;
    }
}
