package dl2.common.timelayers;

import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeSigmoidWithLossTest {
    static final IntTensor TS = new IntTensor(new int[] {1, 0, 0, 1, 1, 0, 1, 1}, 2, 4);

    @Test
    void lossIsTheMeanBinaryCrossEntropy() {
        Tensor xs = Tensor.randn(new Rng(1), 2.0, 2, 4);
        double expected = 0;
        for (int i = 0; i < 8; i++) {
            double y = Kernels.sigmoid(xs.data[i]);
            expected -= TS.data[i] == 1 ? Math.log(y) : Math.log(1 - y);
        }
        assertEquals(expected / 8, new TimeSigmoidWithLoss().forward(xs, TS), 1e-12);
    }

    @Test
    void gradients() {
        Tensor xs = Tensor.randn(new Rng(2), 2.0, 2, 4);
        TimeSigmoidWithLoss layer = new TimeSigmoidWithLoss();
        layer.forward(xs, TS);
        Tensor dx = layer.backward();
        CHECKER.check(() -> layer.forward(xs, TS), List.of(new Entry("xs", xs, dx))).assertPassed();
    }

    @Test
    void largeScoresStayFinite() {
        Tensor xs = new Tensor(new double[] {-800, 800}, 1, 2);
        assertEquals(800, new TimeSigmoidWithLoss().forward(xs, new IntTensor(new int[] {1, 1}, 1, 2)) * 2, 1e-9);
    }

    @Test
    void rejectsALabelOtherThanZeroOrOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new TimeSigmoidWithLoss().forward(Tensor.zeros(1, 1), new IntTensor(new int[] {2}, 1, 1)));
    }
}
