package dl2.common.timelayers;

import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeBiLSTMTest {
    static final int D = 3;
    static final int H = 2;

    static TimeBiLSTM bi(Rng rng, TimeBiLSTM.Merge merge) {
        return new TimeBiLSTM(randn(rng, D, 4 * H), randn(rng, H, 4 * H), randn(rng, 4 * H),
                randn(rng, D, 4 * H), randn(rng, H, 4 * H), randn(rng, 4 * H), merge);
    }

    @Test
    void concatGradients() {
        Rng rng = new Rng(1);
        CHECKER.checkLayer(bi(rng, TimeBiLSTM.Merge.CONCAT), randn(rng, 2, 4, D), 61).assertPassed();
    }

    @Test
    void sumGradients() {
        Rng rng = new Rng(2);
        CHECKER.checkLayer(bi(rng, TimeBiLSTM.Merge.SUM), randn(rng, 2, 4, D), 62).assertPassed();
    }

    @Test
    void oneStepAndOneRow() {
        Rng rng = new Rng(3);
        CHECKER.checkLayer(bi(rng, TimeBiLSTM.Merge.CONCAT), randn(rng, 1, 3, D), 63).assertPassed();
        CHECKER.checkLayer(bi(rng, TimeBiLSTM.Merge.SUM), randn(rng, 2, 1, D), 64).assertPassed();
    }

    /** Forward half = a TimeLSTM over xs; backward half at t = the second TimeLSTM over reversed xs at T−1−t. */
    @Test
    void halvesAreTheTwoDirections() {
        Rng rng = new Rng(4);
        TimeBiLSTM concat = bi(new Rng(5), TimeBiLSTM.Merge.CONCAT);
        TimeBiLSTM sum = bi(new Rng(5), TimeBiLSTM.Merge.SUM);
        var p = concat.params();
        int N = 2, T = 4;
        Tensor xs = randn(rng, N, T, D);
        Tensor o1 = new TimeLSTM(p.get(0), p.get(1), p.get(2)).forward(xs);
        Tensor o2 = new TimeLSTM(p.get(3), p.get(4), p.get(5)).forward(Steps.reversed(xs));
        Tensor c = concat.forward(xs);
        Tensor s = sum.forward(xs);
        assertEquals("(2, 4, 4)", c.shapeString());
        assertEquals("(2, 4, 2)", s.shapeString());
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < H; j++) {
                    assertEquals(o1.get(n, t, j), c.get(n, t, j), 1e-12);
                    assertEquals(o2.get(n, T - 1 - t, j), c.get(n, t, H + j), 1e-12);
                    assertEquals(o1.get(n, t, j) + o2.get(n, T - 1 - t, j), s.get(n, t, j), 1e-12);
                }
            }
        }
    }
}
