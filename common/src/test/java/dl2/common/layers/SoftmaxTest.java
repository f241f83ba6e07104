package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftmaxTest {
    @Test
    void rowsSumToOneAndMatchHandValues() {
        Tensor y = new Softmax().forward(new Tensor(new double[] {0, Math.log(3), 1000, 1000 + Math.log(3)}, 2, 2));
        assertEquals(0.25, y.get(0, 0), 1e-15);
        assertEquals(0.75, y.get(0, 1), 1e-15);
        assertEquals(0.25, y.get(1, 0), 1e-12);   // large scores do not overflow
        assertEquals(0.75, y.get(1, 1), 1e-12);
    }

    @Test
    void gradientCheck() {
        Rng rng = new Rng(21);
        GradientChecker.withDefaults().checkLayer(new Softmax(), Tensor.randn(rng, 1, 3, 5), 3).assertPassed();
    }

    @Test
    void gradientCheckSingleRow() {
        Rng rng = new Rng(22);
        GradientChecker.withDefaults().checkLayer(new Softmax(), Tensor.randn(rng, 1, 1, 3), 4).assertPassed();
    }

    @Test
    void gradientCheckOverTheLastAxisOfA3dInput() {
        Rng rng = new Rng(23);
        Softmax layer = new Softmax();
        Tensor x = Tensor.randn(rng, 1, 2, 3, 4);
        Tensor y = layer.forward(x);
        for (int r = 0; r < 6; r++) {
            double s = 0;
            for (int j = 0; j < 4; j++) {
                s += y.data[r * 4 + j];
            }
            assertEquals(1.0, s, 1e-14);
        }
        GradientChecker.withDefaults().checkLayer(layer, x, 5).assertPassed();
    }
}
