package dl2.ch08;

import dl2.common.IntTensor;
import dl2.common.UserException;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.plot.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Converts a date typed by the user with the trained attention model, {@code "september 27, 1994"} →
 * {@code 1994-09-27} (greedy decoding, book 8.3.2), and draws where the model looked (book 8.3.3).
 */
@Command(name = "convert-date", sortOptions = false,
        description = "Converts a date such as \"september 27, 1994\" to 1994-09-27 with the trained attention model.")
public final class ConvertDate implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "DATE", description = "The date as written, e.g. \"september 27, 1994\" or 9/27/94.")
    private List<String> words;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameters saved by train-attention. Default: out/train-attention/params.bin.")
    private Path params;

    public static void main(String[] args) {
        System.exit(Programs.run(new ConvertDate(), args));
    }

    @Override
    public Integer call() {
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new UserException("the date is empty; give one such as \"september 27, 1994\"");
        }
        DateModel dm = DateModel.load(params != null ? params : DateModel.defaultPath());
        IntTensor x = dm.encodeQuestion(question);
        IntTensor guess = dm.model().generate(x, dm.startId(), dm.sampleSize());
        String answer = dm.decode(guess, 0, 0);
        PrintWriter out = common.stdout();
        out.println(answer);

        String shownQuestion = question + " ".repeat(dm.questionWidth() - question.length());
        double[][] map = AttentionMaps.readingOrder(dm.model().attentionWeights(), 0, dm.reverse());
        Path png = common.outFile("attention.png");
        AttentionMaps.draw(png, "\"" + question + "\" → " + answer, map, shownQuestion, answer);
        out.println("attention heat map: " + png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }
}
