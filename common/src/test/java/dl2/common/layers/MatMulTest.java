package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MatMulTest {
    @Test
    void forwardByHand() {
        MatMul layer = new MatMul(new Tensor(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        Tensor y = layer.forward(new Tensor(new double[] {1, 0, -1, 2, 1, 0}, 2, 3));
        assertArrayEquals(new double[] {1 - 5, 2 - 6, 2 + 3, 4 + 4}, y.data, 1e-15);
    }

    @Test
    void gradientCheck() {
        Rng rng = new Rng(71);
        MatMul layer = new MatMul(Tensor.randn(rng, 1, 4, 3));
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 2, 4), 1).assertPassed();
    }

    @Test
    void gradientCheckSingleRow() {
        Rng rng = new Rng(72);
        MatMul layer = new MatMul(Tensor.randn(rng, 1, 3, 5));
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 1, 3), 2).assertPassed();
    }
}
