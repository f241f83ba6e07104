package dl2.ch08;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.plot.Plots;
import dl2.dataset.sequence.SequenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The attention heat maps of book 8.3.3 ({@code ch08/visualize_attention.py}): loads the parameters that
 * {@code train-attention} saved, runs the model teacher-forced on a few random test questions as the book
 * does, and draws each question's attention weights, output characters down and input characters across
 * in reading order; plus one picture with them all.
 */
@Command(name = "visualize-attention", sortOptions = false,
        description = "Draws the attention weights of a trained model on a few test questions as heat maps (book 8.3.3).")
public final class VisualizeAttention implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameters saved by train-attention. Default: out/train-attention/params.bin.")
    private Path params;

    @Option(names = "--count", paramLabel = "N", defaultValue = "5", description = "Questions to draw.")
    private int count;

    @Option(names = "--data", paramLabel = "PATH|builtin",
            description = "The date data the model was trained on. Default: the data recorded in the parameters file.")
    private String data;

    public static void main(String[] args) {
        System.exit(Programs.run(new VisualizeAttention(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--count", count);
        PrintWriter out = common.stdout();
        DateModel dm = DateModel.load(params != null ? params : DateModel.defaultPath());
        SequenceData dates = DateData.load(data != null ? data : dm.data(), dm.seed());
        if (!dates.idToChar().equals(dm.idToChar())) {
            throw new UserException(dates.source() + " has another vocabulary than the model was trained on; give the"
                    + " model's data with --data");
        }
        IntTensor xTest = dm.reverse() ? SequenceData.reversed(dates.xTest()) : dates.xTest();
        if (count > xTest.dim(0)) {
            throw new UserException("--count " + count + " is more than the " + Words.count(xTest.dim(0), "test question")
                    + " of " + dates.source() + "; give at most " + xTest.dim(0));
        }
        Rng rng = new Rng(common.seed());
        List<Path> pngs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int[] idx = {rng.nextInt(xTest.dim(0))};
            IntTensor x = xTest.rows(idx);
            IntTensor t = dates.tTest().rows(idx);
            dm.model().forward(x, t);
            String question = dates.decode(dates.xTest(), idx[0]);
            String answer = dm.decode(t, 0, 1);
            double[][] map = AttentionMaps.readingOrder(dm.model().attentionWeights(), 0, dm.reverse());
            Path png = common.outFile("attention-" + i + ".png");
            AttentionMaps.draw(png, "\"" + question.strip() + "\" → " + answer, map, question, answer);
            pngs.add(png);
            out.println(png + ": \"" + question.strip() + "\" → " + answer);
            out.println("  strongest input per output character: " + AttentionMaps.strongest(map, question, answer));
        }
        Path overview = common.outFile("attention-overview.png");
        AttentionMaps.overview(overview, pngs, 1);
        out.println("all " + count + " in " + overview);
        if (common.show()) {
            Plots.show(overview);
        }
        return 0;
    }
}
