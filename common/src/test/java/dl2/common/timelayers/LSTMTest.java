package dl2.common.timelayers;

import dl2.common.GradientChecker.Entry;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.assertClose;
import static dl2.common.timelayers.TimeTestSupport.dot;
import static dl2.common.timelayers.TimeTestSupport.entries;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static dl2.common.timelayers.TimeTestSupport.timeSlice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LSTMTest {
    static final int D = 5;
    static final int H = 3;

    static LSTM lstm(Rng rng) {
        return new LSTM(randn(rng, D, 4 * H), randn(rng, H, 4 * H), randn(rng, 4 * H));
    }

    static TimeLSTM timeLstm(Rng rng, boolean stateful) {
        return new TimeLSTM(randn(rng, D, 4 * H), randn(rng, H, 4 * H), randn(rng, 4 * H), stateful);
    }

    /** Biases with a different value per gate block, no weights: c and h must follow the f, g, i, o order. */
    @Test
    void gateBlocksAreOrderedFGIO() {
        double f = 0.7, g = -1.3, i = 0.4, o = 2.1;
        Tensor b = Tensor.zeros(4 * H);
        for (int j = 0; j < H; j++) {
            b.data[j] = f;
            b.data[H + j] = g;
            b.data[2 * H + j] = i;
            b.data[3 * H + j] = o;
        }
        LSTM lstm = new LSTM(Tensor.zeros(D, 4 * H), Tensor.zeros(H, 4 * H), b);
        Rng rng = new Rng(1);
        Tensor cPrev = randn(rng, 2, H);
        LSTM.Output out = lstm.forward(randn(rng, 2, D), randn(rng, 2, H), cPrev);
        for (int k = 0; k < 2 * H; k++) {
            double c = Kernels.sigmoid(f) * cPrev.data[k] + Math.tanh(g) * Kernels.sigmoid(i);
            assertEquals(c, out.cNext().data[k], 1e-12);
            assertEquals(Kernels.sigmoid(o) * Math.tanh(c), out.hNext().data[k], 1e-12);
        }
    }

    /** Only the f block of Wx is nonzero: with c_prev = 1 the cell becomes σ(x · Wx[:, :H]) (g = tanh 0 = 0). */
    @Test
    void onlyTheForgetBlockOfWxScalesTheCell() {
        Rng rng = new Rng(2);
        Tensor Wx = Tensor.zeros(D, 4 * H);
        for (int d = 0; d < D; d++) {
            for (int j = 0; j < H; j++) {
                Wx.data[d * 4 * H + j] = rng.randn();
            }
        }
        LSTM lstm = new LSTM(Wx, Tensor.zeros(H, 4 * H), Tensor.zeros(4 * H));
        Tensor x = randn(rng, 2, D);
        Tensor cPrev = Tensor.zeros(2, H);
        cPrev.fill(1.0);
        LSTM.Output out = lstm.forward(x, Tensor.zeros(2, H), cPrev);
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < H; j++) {
                double a = 0;
                for (int d = 0; d < D; d++) {
                    a += x.get(n, d) * Wx.get(d, j);
                }
                assertEquals(Kernels.sigmoid(a), out.cNext().get(n, j), 1e-12);
                assertEquals(0.5 * Math.tanh(Kernels.sigmoid(a)), out.hNext().get(n, j), 1e-12);
            }
        }
    }

    @Test
    void stepGradients() {
        Rng rng = new Rng(3);
        LSTM lstm = lstm(rng);
        Tensor x = randn(rng, 3, D);
        Tensor h = randn(rng, 3, H);
        Tensor c = randn(rng, 3, H);
        Tensor rh = randn(rng, 3, H);
        Tensor rc = randn(rng, 3, H);
        lstm.forward(x, h, c);
        LSTM.Gradients g = lstm.backward(rh, rc);
        List<Entry> e = entries("x", x, g.dx(), lstm);
        e.add(new Entry("hPrev", h, g.dhPrev().copy()));
        e.add(new Entry("cPrev", c, g.dcPrev().copy()));
        CHECKER.check(() -> {
            LSTM.Output out = lstm.forward(x, h, c);
            return dot(out.hNext(), rh) + dot(out.cNext(), rc);
        }, e).assertPassed();
    }

    @Test
    void timeLstmGradients() {
        Rng rng = new Rng(4);
        CHECKER.checkLayer(timeLstm(rng, false), randn(rng, 3, 4, D), 21).assertPassed();
    }

    @Test
    void timeLstmGradientsWithTheGatesComputedAgain() {
        Rng rng = new Rng(4);
        TimeLSTM layer = timeLstm(rng, false);
        layer.setRecomputeGates(true);
        CHECKER.checkLayer(layer, randn(rng, 3, 4, D), 21).assertPassed();
    }

    @Test
    void timeLstmOneStepAndOneRow() {
        Rng rng = new Rng(5);
        CHECKER.checkLayer(timeLstm(rng, false), randn(rng, 2, 1, D), 22).assertPassed();
        CHECKER.checkLayer(timeLstm(rng, false), randn(rng, 1, 3, D), 23).assertPassed();
    }

    /** The second call of a stateful layer, h and c carried from the first held fixed; dh() against the numeric gradient of h. */
    @Test
    void statefulSecondCallGradientsAndDh() {
        Rng rng = new Rng(6);
        TimeLSTM layer = timeLstm(rng, true);
        Tensor xs1 = randn(rng, 2, 3, D);
        Tensor xs2 = randn(rng, 2, 4, D);
        layer.forward(xs1);
        Tensor h1 = layer.h().copy();
        Tensor c1 = layer.c().copy();
        Tensor out = layer.forward(xs2);
        Tensor r = randn(rng, out.shape);
        Tensor dxs = layer.backward(r);
        List<Entry> e = entries("xs2", xs2, dxs, layer);
        e.add(new Entry("carried h", h1, layer.dh().copy()));
        CHECKER.check(() -> {
            layer.setState(h1, c1);
            return dot(layer.forward(xs2), r);
        }, e).assertPassed();
    }

    @Test
    void statefulCallsInTwoBlocksEqualOneCall() {
        Rng rng = new Rng(7);
        Tensor Wx = randn(rng, D, 4 * H), Wh = randn(rng, H, 4 * H), b = randn(rng, 4 * H);
        Tensor xs = randn(rng, 2, 5, D);
        TimeLSTM once = new TimeLSTM(Wx, Wh, b, false);
        Tensor whole = once.forward(xs);
        TimeLSTM split = new TimeLSTM(Wx, Wh, b, true);
        split.forward(timeSlice(xs, 0, 3));
        Tensor second = split.forward(timeSlice(xs, 3, 5));
        assertClose(timeSlice(whole, 3, 5), second, 1e-12);
        assertClose(once.c(), split.c(), 1e-12);
    }

    @Test
    void setStateWithoutCellStartsFromAZeroCell() {
        Rng rng = new Rng(8);
        Tensor Wx = randn(rng, D, 4 * H), Wh = randn(rng, H, 4 * H), b = randn(rng, 4 * H);
        Tensor xs = randn(rng, 2, 2, D);
        Tensor h0 = randn(rng, 2, H);
        TimeLSTM a = new TimeLSTM(Wx, Wh, b, true);
        a.setState(h0);
        TimeLSTM b2 = new TimeLSTM(Wx, Wh, b, true);
        b2.setState(h0, Tensor.zeros(2, H));
        assertClose(b2.forward(xs), a.forward(xs), 0);
        assertThrows(IllegalStateException.class, () -> new TimeLSTM(Wx, Wh, b).setState(h0));
    }

    @Test
    void backwardTwiceGivesTheSameGradients() {
        Rng rng = new Rng(9);
        TimeLSTM layer = timeLstm(rng, false);
        Tensor r = randn(rng, 2, 3, H);
        for (boolean recompute : new boolean[] {false, true}) {
            layer.setRecomputeGates(recompute);
            layer.forward(randn(rng, 2, 3, D));
            layer.backward(r);
            Tensor first = layer.grads().get(1).copy();
            layer.backward(r);
            assertClose(first, layer.grads().get(1), recompute ? 0 : 1e-15);
        }
    }

    /**
     * Keeping the gates and computing them again give the very same bits, and one layer may switch between the two
     * from one forward to the next (the packed weights of forward and of backward are then one array, then two).
     */
    @Test
    void recomputedGatesGiveTheSameBitsAsKeptOnes() {
        Rng rng = new Rng(12);
        TimeLSTM kept = timeLstm(rng, false);
        TimeLSTM switching = new TimeLSTM(kept.params().get(0), kept.params().get(1), kept.params().get(2));
        for (boolean recompute : new boolean[] {true, false, true}) {
            Tensor xs = randn(rng, 3, 5, D), dhs = randn(rng, 3, 5, H);
            switching.setRecomputeGates(recompute);
            assertEquals(recompute, switching.recomputesGates());
            assertClose(kept.forward(xs), switching.forward(xs), 0);
            assertClose(kept.backward(dhs), switching.backward(dhs), 0);
            assertClose(kept.dh(), switching.dh(), 0);
            for (int i = 0; i < 3; i++) {
                assertClose(kept.grads().get(i), switching.grads().get(i), 0);
            }
        }
    }

    /**
     * Large enough for the rows to be split over two threads (130 rows: 64 + 66, the last few outside the products'
     * 8-row panels) and for backward to take the steps in three chunks (7 + 7 + 6): the same numbers as the steps run one
     * by one, and the very same bits on one thread as on two. With 20 rows, too few to share, the products split their
     * columns instead.
     */
    @ParameterizedTest
    @ValueSource(ints = {130, 20})
    void timeLstmInChunksMatchesItsStepsOnOneThreadOrTwo(int N) {
        int T = 20, D2 = 7, H2 = 64;
        Rng rng = new Rng(10);
        Tensor Wx = new Tensor(rng.randn(D2 * 4 * H2, 0.1), D2, 4 * H2);
        Tensor Wh = new Tensor(rng.randn(H2 * 4 * H2, 0.1), H2, 4 * H2);
        Tensor b = new Tensor(rng.randn(4 * H2, 0.1), 4 * H2);
        Tensor xs = randn(rng, N, T, D2);
        Tensor dhs = randn(rng, N, T, H2);

        LSTM[] steps = new LSTM[T];
        Tensor h = Tensor.zeros(N, H2), c = Tensor.zeros(N, H2);
        Tensor hs = Tensor.zeros(N, T, H2);
        for (int t = 0; t < T; t++) {
            steps[t] = new LSTM(Wx, Wh, b);
            LSTM.Output out = steps[t].forward(Slices.step(xs, t), h, c);
            h = out.hNext();
            c = out.cNext();
            Slices.setStep(hs, t, h);
        }
        Tensor dxs = Tensor.zeros(N, T, D2), dh = Tensor.zeros(N, H2), dc = Tensor.zeros(N, H2);
        List<Tensor> grads = List.of(Tensor.zerosLike(Wx), Tensor.zerosLike(Wh), Tensor.zerosLike(b));
        for (int t = T - 1; t >= 0; t--) {
            Tensor dhStep = Slices.step(dhs, t);
            Slices.addInto(dhStep, dh);
            LSTM.Gradients g = steps[t].backward(dhStep, dc);
            Slices.setStep(dxs, t, g.dx());
            dh = g.dhPrev();
            dc = g.dcPrev();
            for (int i = 0; i < 3; i++) {
                Slices.addInto(grads.get(i), steps[t].grads().get(i));
            }
        }

        Tensor[][] byThreads = new Tensor[4][];   // [0, 1]: one thread, two; [2, 3]: the same with the gates computed again
        try {
            for (int run = 0; run < 4; run++) {
                Kernels.setThreads(1 + run % 2);
                TimeLSTM layer = new TimeLSTM(Wx, Wh, b);
                layer.setRecomputeGates(run >= 2);
                Tensor out = layer.forward(xs).copy();
                Tensor dx = layer.backward(dhs).copy();
                byThreads[run] = new Tensor[] {out, dx, layer.dh().copy(),
                        layer.grads().get(0).copy(), layer.grads().get(1).copy(), layer.grads().get(2).copy()};
            }
        } finally {
            Kernels.setThreads(Runtime.getRuntime().availableProcessors());
        }
        for (int run = 1; run < 4; run++) {
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(byThreads[0][i].data, byThreads[run][i].data, 0.0, "result " + i + " of run " + run
                        + " differs from one thread keeping the gates");
            }
        }
        assertClose(hs, byThreads[1][0], 0);
        assertClose(dxs, byThreads[1][1], 0);
        assertClose(dh, byThreads[1][2], 0);
        for (int i = 0; i < 3; i++) {
            assertClose(grads.get(i), byThreads[1][3 + i], 1e-9);
        }
    }

    /**
     * Once warmed up, a forward and backward pass make no new arrays: the layer reuses its outputs, caches and packed
     * weights (with {@code D + H} not a multiple of 16, the packed transpose is larger than the packed weights, which
     * once made backward allocate it afresh every call). Measured on one thread, as the bytes it allocates.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWarmLayerMakesNoNewArrays(boolean recompute) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported() && tb.isThreadAllocatedMemoryEnabled(), "no allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        int N = 8, T = 3, D2 = 17, H2 = 64;   // the packed transpose: 256 × 96 values (196 KB)
        Rng rng = new Rng(13);
        TimeLSTM layer = new TimeLSTM(randn(rng, D2, 4 * H2), randn(rng, H2, 4 * H2), randn(rng, 4 * H2));
        layer.setRecomputeGates(recompute);
        Tensor xs = randn(rng, N, T, D2), dhs = randn(rng, N, T, H2);
        Kernels.setThreads(1);
        try {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 2000 && least > 32 * 1024; round++) {   // until the JIT has compiled the kernels
                long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
                layer.forward(xs);
                layer.backward(dhs);
                least = Math.min(least, counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
            }
            assertTrue(least <= 32 * 1024, "a warm forward and backward allocated " + least + " bytes");
        } finally {
            Kernels.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void rejectsWeightsOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new LSTM(Tensor.zeros(D, 3 * H), Tensor.zeros(H, 4 * H), Tensor.zeros(4 * H)));
    }
}
