package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SigmoidTest {
    @Test
    void forwardValues() {
        Tensor y = new Sigmoid().forward(new Tensor(new double[] {0, Math.log(3), -Math.log(3)}, 3));
        assertEquals(0.5, y.data[0], 1e-15);
        assertEquals(0.75, y.data[1], 1e-15);
        assertEquals(0.25, y.data[2], 1e-15);
    }

    @Test
    void gradientCheck() {
        Rng rng = new Rng(11);
        GradientChecker.withDefaults().checkLayer(new Sigmoid(), Tensor.randn(rng, 2, 3, 5), 1).assertPassed();
    }

    @Test
    void gradientCheckSingleRow() {
        Rng rng = new Rng(12);
        GradientChecker.withDefaults().checkLayer(new Sigmoid(), Tensor.randn(rng, 2, 1, 4), 2).assertPassed();
    }
}
