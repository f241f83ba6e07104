package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SigmoidWithLossTest {
    @Test
    void lossAndGradientByHand() {
        // x = ln 3 -> y = 3/4 with label 1; x = ln 3 -> y = 3/4 with label 0; x = 0 -> y = 1/2 with label 1
        SigmoidWithLoss layer = new SigmoidWithLoss();
        double loss = layer.forward(new Tensor(new double[] {Math.log(3), Math.log(3), 0}, 3), new Tensor(new double[] {1, 0, 1}, 3));
        assertEquals(-(Math.log(0.75 + 1e-7) + Math.log(0.25 + 1e-7) + Math.log(0.5 + 1e-7)) / 3, loss, 1e-15);
        Tensor dx = layer.backward();
        assertEquals(-0.25 / 3, dx.data[0], 1e-15);
        assertEquals(0.75 / 3, dx.data[1], 1e-15);
        assertEquals(-0.5 / 3, dx.data[2], 1e-15);
    }

    private static void check(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.randn(rng, 1, n);
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.data[i] = rng.nextInt(2);
        }
        SigmoidWithLoss layer = new SigmoidWithLoss();
        layer.forward(x, t);
        Tensor dx = layer.backward();
        GradientChecker.withDefaults().check(() -> layer.forward(x, t), List.of(new GradientChecker.Entry("x", x, dx)))
                .assertPassed();
    }

    @Test
    void gradientCheck() {
        check(5, 41);
    }

    @Test
    void gradientCheckSingleExample() {
        check(1, 42);
    }
}
