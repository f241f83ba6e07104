package dl2.common.timelayers;

import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.assertClose;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeDropoutTest {

    @Test
    void gradientsWithAFrozenMask() {
        Rng rng = new Rng(1);
        TimeDropout layer = new TimeDropout(0.4, new Rng(7));
        layer.freezeMask(true);
        CHECKER.checkLayer(layer, randn(rng, 2, 3, 4), 51).assertPassed();
    }

    @Test
    void evaluationIsTheIdentity() {
        Rng rng = new Rng(2);
        TimeDropout layer = new TimeDropout(new Rng(8));
        layer.setTraining(false);
        Tensor xs = randn(rng, 2, 3, 4);
        Tensor dout = randn(rng, 2, 3, 4);
        assertClose(xs, layer.forward(xs), 0);
        assertClose(dout, layer.backward(dout), 0);
    }

    @Test
    void keepsAboutOneMinusRatioScaledUp() {
        TimeDropout layer = new TimeDropout(0.5, new Rng(9));
        Tensor ones = Tensor.zeros(10, 20, 50);
        ones.fill(1.0);
        Tensor out = layer.forward(ones);
        int kept = 0;
        for (double v : out.data) {
            assertTrue(v == 0.0 || v == 2.0, "value " + v);
            kept += v == 2.0 ? 1 : 0;
        }
        assertEquals(0.5, kept / 10000.0, 0.03);
        Tensor dx = layer.backward(ones);
        assertClose(out, dx, 0);  // the same mask on the way back
    }

    @Test
    void drawsANewMaskEachCallUnlessFrozen() {
        Tensor ones = Tensor.zeros(4, 5, 6);
        ones.fill(1.0);
        TimeDropout layer = new TimeDropout(new Rng(10));
        Tensor a = layer.forward(ones).copy();   // the layer overwrites its output on the next call
        Tensor b = layer.forward(ones).copy();
        assertNotEquals(Arrays.toString(a.data), Arrays.toString(b.data));
        layer.freezeMask(true);
        assertClose(b, layer.forward(ones), 0);
        assertThrows(IllegalStateException.class, () -> layer.forward(Tensor.zeros(4, 5, 7)));
    }

    @Test
    void rejectsARatioOfOne() {
        assertThrows(IllegalArgumentException.class, () -> new TimeDropout(1.0, new Rng(1)));
    }
}
