package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {
    @Test
    void keepsOrZeroesEachElementWithInvertedScaling() {
        Dropout layer = new Dropout(0.25, new Rng(51));
        Tensor x = Tensor.zeros(2, 7);
        x.fill(3.0);
        Tensor y = layer.forward(x);
        int kept = 0;
        for (double v : y.data) {
            assertTrue(v == 0.0 || v == 4.0, "element " + v + " is neither dropped nor scaled by 1/(1 - 0.25)");
            kept += v == 0.0 ? 0 : 1;
        }
        assertTrue(kept > 0 && kept < 14, "some kept and some dropped, got " + kept);
    }

    @Test
    void keepsTheExpectedValueOnAverage() {
        Dropout layer = new Dropout(0.5, new Rng(52));
        Tensor x = Tensor.zeros(20000);
        x.fill(1.0);
        double sum = 0;
        for (double v : layer.forward(x).data) {
            sum += v;
        }
        assertEquals(1.0, sum / x.size(), 0.03);
    }

    @Test
    void drawsANewMaskEachForwardUnlessFrozen() {
        Dropout layer = new Dropout(0.5, new Rng(53));
        Tensor x = Tensor.zeros(3, 5);
        x.fill(1.0);
        Tensor a = layer.forward(x);
        Tensor b = layer.forward(x);
        assertFalse(java.util.Arrays.equals(a.data, b.data));
        layer.freezeMask(true);
        Tensor c = layer.forward(x);
        assertArrayEquals(b.data, c.data);
    }

    @Test
    void gradientCheckWithAFixedMask() {
        Rng rng = new Rng(54);
        Dropout layer = new Dropout(0.4, new Rng(55));
        layer.freezeMask(true);
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 3, 4), 6).assertPassed();
    }

    @Test
    void gradientCheckSingleRowWithAFixedMask() {
        Rng rng = new Rng(56);
        Dropout layer = new Dropout(0.5, new Rng(57));
        layer.freezeMask(true);
        GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 1, 5), 7).assertPassed();
    }

    @Test
    void evaluationModeIsTheIdentity() {
        Rng rng = new Rng(58);
        Dropout layer = new Dropout(0.5, new Rng(59));
        layer.forward(Tensor.randn(rng, 1, 2, 3));  // a training mask exists, and must not be used
        layer.setTraining(false);
        Tensor x = Tensor.randn(rng, 1, 2, 3);
        assertArrayEquals(x.data, layer.forward(x).data);
        Tensor dout = Tensor.randn(rng, 1, 2, 3);
        assertArrayEquals(dout.data, layer.backward(dout).data);
        GradientChecker.withDefaults().checkLayer(layer, x, 8).assertPassed();
    }

    @Test
    void rejectsARatioOfOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Rng(1)));
    }
}
