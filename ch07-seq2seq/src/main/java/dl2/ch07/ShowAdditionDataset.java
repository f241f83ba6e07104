package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.dataset.sequence.SequenceData;
import dl2.dataset.sequence.SequenceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Shows the addition data set (book 7.3.1, {@code ch07/show_addition_dataset.py}): the shapes of the
 * training and test arrays, the first samples as ids and as text, and the character vocabulary.
 */
@Command(name = "show-addition-dataset", sortOptions = false,
        description = "Prints the sizes, a few samples and the vocabulary of the addition data (book 7.3.1).")
public final class ShowAdditionDataset implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--data", paramLabel = "PATH|builtin", defaultValue = SequenceSource.BUILTIN,
            description = "The book's addition.txt, or 'builtin' for 50 000 generated additions.")
    private String data;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3", description = "Training samples to show.")
    private int samples;

    public static void main(String[] args) {
        System.exit(Programs.run(new ShowAdditionDataset(), args));
    }

    @Override
    public Integer call() {
        Check.nonNegative("--samples", samples);
        PrintWriter out = common.stdout();
        SequenceData d = SequenceSource.resolve(data, "addition", common.seed());
        out.println("data: " + d.source());
        out.println("x_train " + d.xTrain().shapeString() + "  t_train " + d.tTrain().shapeString());
        out.println("x_test  " + d.xTest().shapeString() + "  t_test  " + d.tTest().shapeString());
        for (int i = 0; i < Math.min(samples, d.xTrain().dim(0)); i++) {
            out.println();
            out.println("x_train[" + i + "] " + Arrays.toString(row(d.xTrain(), i)) + "  \"" + d.decode(d.xTrain(), i) + "\"");
            out.println("t_train[" + i + "] " + Arrays.toString(row(d.tTrain(), i)) + "  \"" + d.decode(d.tTrain(), i) + "\"");
        }
        out.println();
        List<Character> chars = d.idToChar();
        StringBuilder vocab = new StringBuilder("vocabulary (" + chars.size() + " characters):");
        for (int id = 0; id < chars.size(); id++) {
            vocab.append(' ').append(id).append("='").append(chars.get(id)).append('\'');
        }
        out.println(vocab);
        return 0;
    }

    private static int[] row(IntTensor ids, int i) {
        int w = ids.dim(1);
        return Arrays.copyOfRange(ids.data, i * w, i * w + w);
    }
}
