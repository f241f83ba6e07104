package dl2.common.timelayers;

import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSoftmaxWithLossTest {
    static final int V = 5;
    // (2, 3) labels, two of them ignored
    static final IntTensor TS = new IntTensor(new int[] {4, -1, 0, 2, 2, -1}, 2, 3);

    @Test
    void gradientsWithIgnoredLabels() {
        Rng rng = new Rng(1);
        Tensor xs = randn(rng, 2, 3, V);
        TimeSoftmaxWithLoss layer = new TimeSoftmaxWithLoss();
        layer.forward(xs, TS);
        Tensor dx = layer.backward();
        CHECKER.check(() -> layer.forward(xs, TS), List.of(new Entry("xs", xs, dx))).assertPassed();
        for (int v = 0; v < V; v++) {
            assertEquals(0.0, dx.get(0, 1, v));
            assertEquals(0.0, dx.get(1, 2, v));
        }
    }

    @Test
    void meanIsOverTheCountedPositionsOnly() {
        Rng rng = new Rng(2);
        Tensor xs = randn(rng, 2, 3, V);
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            int t = TS.data[i];
            if (t == -1) {
                continue;
            }
            double sum = 0;
            for (int v = 0; v < V; v++) {
                sum += Math.exp(xs.data[i * V + v]);
            }
            expected -= Math.log(Math.exp(xs.data[i * V + t]) / sum);
        }
        expected /= 4;
        TimeSoftmaxWithLoss layer = new TimeSoftmaxWithLoss();
        assertEquals(expected, layer.forward(xs, TS), 1e-12);
        xs.data[1 * V + 3] += 7;  // a score at an ignored position changes nothing
        assertEquals(expected, layer.forward(xs, TS), 1e-12);
    }

    @Test
    void allIgnoredGivesZeroLossAndGradient() {
        TimeSoftmaxWithLoss layer = new TimeSoftmaxWithLoss();
        IntTensor none = new IntTensor(new int[] {-1, -1}, 1, 2);
        assertEquals(0.0, layer.forward(randn(new Rng(3), 1, 2, V), none));
        for (double d : layer.backward().data) {
            assertEquals(0.0, d);
        }
    }

    @Test
    void hugeScoresGiveAFiniteLoss() {
        Tensor xs = Tensor.zeros(1, 1, V);
        xs.data[0] = 2000;
        double loss = new TimeSoftmaxWithLoss().forward(xs, new IntTensor(new int[] {1}, 1, 1));
        assertEquals(2000, loss, 1e-9);
        assertTrue(Double.isFinite(loss));
    }

    @Test
    void rejectsALabelOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class,
                () -> new TimeSoftmaxWithLoss().forward(Tensor.zeros(1, 1, V), new IntTensor(new int[] {V}, 1, 1)));
    }
}
