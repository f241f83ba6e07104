package dl2.ch06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.common.Rng;
import dl2.common.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipGradsDemoTest {

    @Test
    void bookGradientsAreClippedToTheMaxNorm() {
        List<Tensor> grads = ClipGradsDemo.randomGrads(new Rng(1984), 2, 3, 3, ClipGradsDemo.SCALE);
        ClipGradsDemo.Result r = ClipGradsDemo.clip(grads, ClipGradsDemo.MAX_NORM);
        assertTrue(r.normBefore() > 10, "two 3x3 gradients uniform in [0, 10) have a norm well above 5: " + r.normBefore());
        assertEquals(ClipGradsDemo.MAX_NORM, r.normAfter(), 1e-5);
        double rate = ClipGradsDemo.MAX_NORM / (r.normBefore() + 1e-6);
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 9; i++) {
                assertEquals(r.before().get(g).data[i] * rate, r.after().get(g).data[i], 1e-12);
            }
        }
        assertTrue(r.after().get(0) == grads.get(0), "clipping works in place, like the book's");
    }

    @Test
    void smallGradientsAreLeftAlone() {
        List<Tensor> grads = List.of(new Tensor(new double[] {3, 0}, 1, 2), new Tensor(new double[] {0, 4}, 2, 1));
        ClipGradsDemo.Result r = ClipGradsDemo.clip(grads, 5.0 + 1e-3);
        assertEquals(5.0, r.normBefore(), 1e-12);
        assertEquals(1.0, r.rate(), 1e-12);
        assertArrayEquals(new double[] {3, 0}, grads.get(0).data);
        assertArrayEquals(new double[] {0, 4}, grads.get(1).data);
    }

    @Test
    void randomGradsAreUniformInTheRange() {
        List<Tensor> grads = ClipGradsDemo.randomGrads(new Rng(7), 3, 4, 5, 10.0);
        assertEquals(3, grads.size());
        double sum = 0;
        for (Tensor g : grads) {
            assertArrayEquals(new int[] {4, 5}, g.shape);
            for (double v : g.data) {
                assertTrue(v >= 0 && v < 10);
                sum += v;
            }
        }
        assertEquals(5.0, sum / 60, 1.5);
    }
}
