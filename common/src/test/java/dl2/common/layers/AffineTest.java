package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class AffineTest {
    @Test
    void forwardByHand() {
        // x (1, 2) · W (2, 3) + b (3)
        Affine layer = new Affine(new Tensor(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), new Tensor(new double[] {0.5, -1, 2}, 3));
        Tensor y = layer.forward(new Tensor(new double[] {1, -1}, 1, 2));
        assertArrayEquals(new double[] {1 - 4 + 0.5, 2 - 5 - 1, 3 - 6 + 2}, y.data, 1e-15);
    }

    @Test
    void gradientCheck() {
        Rng rng = new Rng(61);
        Affine layer = new Affine(Tensor.randn(rng, 1, 4, 3), Tensor.randn(rng, 1, 3));
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 3, 4), 1).assertPassed();
    }

    @Test
    void gradientCheckSingleRow() {
        Rng rng = new Rng(62);
        Affine layer = new Affine(Tensor.randn(rng, 1, 5, 3), Tensor.randn(rng, 1, 3));
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 1, 5), 2).assertPassed();
    }
}
