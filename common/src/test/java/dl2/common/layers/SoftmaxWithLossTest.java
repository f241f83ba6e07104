package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SoftmaxWithLossTest {
    @Test
    void lossAndGradientByHand() {
        // row 0: scores (0, ln 3) -> y = (1/4, 3/4), label 1; row 1: scores (0, 0) -> y = (1/2, 1/2), label 0
        SoftmaxWithLoss layer = new SoftmaxWithLoss();
        double loss = layer.forward(new Tensor(new double[] {0, Math.log(3), 0, 0}, 2, 2), new IntTensor(new int[] {1, 0}, 2));
        assertEquals(-(Math.log(0.75 + 1e-7) + Math.log(0.5 + 1e-7)) / 2, loss, 1e-15);
        Tensor dx = layer.backward();
        assertEquals(0.25 / 2, dx.get(0, 0), 1e-15);
        assertEquals(-0.25 / 2, dx.get(0, 1), 1e-15);
        assertEquals(-0.5 / 2, dx.get(1, 0), 1e-15);
        assertEquals(0.5 / 2, dx.get(1, 1), 1e-15);
    }

    private static void check(int n, int c, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.randn(rng, 1, n, c);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(c);
        }
        IntTensor t = new IntTensor(labels, n);
        SoftmaxWithLoss layer = new SoftmaxWithLoss();
        layer.forward(x, t);
        Tensor dx = layer.backward();
        GradientChecker.withDefaults().check(() -> layer.forward(x, t), List.of(new GradientChecker.Entry("x", x, dx)))
                .assertPassed();
    }

    @Test
    void gradientCheck() {
        check(3, 5, 31);
    }

    @Test
    void gradientCheckSingleRow() {
        check(1, 4, 32);
    }

    @Test
    void rejectsALabelOutsideTheClasses() {
        SoftmaxWithLoss layer = new SoftmaxWithLoss();
        assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(2, 3), new IntTensor(new int[] {0, 3}, 2)));
    }
}
