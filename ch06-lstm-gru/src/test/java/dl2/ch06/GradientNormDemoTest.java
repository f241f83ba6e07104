package dl2.ch06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

class GradientNormDemoTest {

    @Test
    void multipliesByTheTransposeOfWh() {
        // dh = (1, 1): dh · Whᵀ = (3, 7), norm √58; dh · Wh would give (4, 6), norm √52.
        Tensor Wh = new Tensor(new double[] {1, 2, 3, 4}, 2, 2);
        double[] norms = GradientNormDemo.norms(Wh, 1, 2);
        assertEquals(Math.sqrt(58), norms[0], 1e-12);
        // (3, 7) · Whᵀ = (17, 37)
        assertEquals(Math.sqrt(17 * 17 + 37 * 37), norms[1], 1e-12);
    }

    @Test
    void normIsDividedByTheBatchSize() {
        // Wh = 2·I doubles dh = ones(N, H) at every step: norm_t = 2^t · √(N·H) / N.
        Tensor Wh = new Tensor(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, 3, 3);
        double[] norms = GradientNormDemo.norms(Wh, 2, 4);
        assertArrayEquals(new double[] {2 * Math.sqrt(6) / 2, 4 * Math.sqrt(6) / 2, 8 * Math.sqrt(6) / 2,
            16 * Math.sqrt(6) / 2}, norms, 1e-12);
    }

    @Test
    void randomWhExplodesAndHalfOfItVanishes() {
        Rng rng = new Rng(GradientNormDemo.SEED);
        Tensor Wh = GradientNormDemo.randomWh(rng, GradientNormDemo.H, 1.0);
        Tensor half = Wh.copy();
        for (int i = 0; i < half.size(); i++) {
            half.data[i] *= GradientNormDemo.VANISHING_SCALE;
        }
        double[] exploding = GradientNormDemo.norms(Wh, GradientNormDemo.N, GradientNormDemo.T);
        double[] vanishing = GradientNormDemo.norms(half, GradientNormDemo.N, GradientNormDemo.T);
        assertEquals(GradientNormDemo.T, exploding.length);
        assertTrue(exploding[19] > 100 * exploding[0], "exploding: " + exploding[0] + " -> " + exploding[19]);
        assertTrue(exploding[19] > exploding[9] && exploding[9] > exploding[0]);
        assertTrue(vanishing[19] < vanishing[0] / 100, "vanishing: " + vanishing[0] + " -> " + vanishing[19]);
        assertTrue(vanishing[19] < vanishing[9] && vanishing[9] < vanishing[0]);
    }
}
