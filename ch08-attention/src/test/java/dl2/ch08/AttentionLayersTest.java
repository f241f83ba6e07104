package dl2.ch08;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.Slices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Numerical gradient checks of the four attention layers of book 8.1, with loss Σ out·r. */
class AttentionLayersTest {
    private static final GradientChecker CHECKER = GradientChecker.withDefaults();

    @ParameterizedTest(name = "N={0} T={1} H={2}")
    @CsvSource({"3, 4, 3", "2, 5, 4", "1, 3, 3", "2, 1, 3"})
    void attentionWeight(int N, int T, int H) {
        Rng rng = new Rng(11);
        Tensor hs = Tensor.randn(rng, 1, N, T, H);
        Tensor h = Tensor.randn(rng, 1, N, H);
        AttentionWeight layer = new AttentionWeight();
        Tensor r = Tensor.randn(rng, 1, N, T);
        layer.forward(hs, h);
        AttentionWeight.Grads g = layer.backward(r);
        CHECKER.check(() -> Kernels.dot(layer.forward(hs, h).data, r.data),
                List.of(new Entry("hs", hs, g.dhs()), new Entry("h", h, g.dh()))).assertPassed();
    }

    @Test
    void attentionWeightsAreASoftmaxOverTheEncoderSteps() {
        Rng rng = new Rng(3);
        Tensor a = new AttentionWeight().forward(Tensor.randn(rng, 1, 2, 5, 3), Tensor.randn(rng, 1, 2, 3));
        for (int n = 0; n < 2; n++) {
            double sum = 0;
            for (int t = 0; t < 5; t++) {
                sum += a.get(n, t);
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @Test
    void attentionWeightPutsMostWeightOnTheMostSimilarState() {
        // hs rows: e0 scaled by 5, e1 scaled by 5, zero; h = e1: the second step must win.
        Tensor hs = new Tensor(new double[] {5, 0, 0, 5, 0, 0}, 1, 3, 2);
        Tensor h = new Tensor(new double[] {0, 1}, 1, 2);
        Tensor a = new AttentionWeight().forward(hs, h);
        assertEquals(Math.exp(5) / (Math.exp(5) + 2), a.get(0, 1), 1e-12);
    }

    @ParameterizedTest(name = "N={0} T={1} H={2}")
    @CsvSource({"3, 4, 3", "2, 5, 4", "1, 3, 3", "2, 1, 3"})
    void weightSum(int N, int T, int H) {
        Rng rng = new Rng(12);
        Tensor hs = Tensor.randn(rng, 1, N, T, H);
        Tensor a = Tensor.randn(rng, 1, N, T);
        WeightSum layer = new WeightSum();
        Tensor r = Tensor.randn(rng, 1, N, H);
        layer.forward(hs, a);
        WeightSum.Grads g = layer.backward(r);
        CHECKER.check(() -> Kernels.dot(layer.forward(hs, a).data, r.data),
                List.of(new Entry("hs", hs, g.dhs()), new Entry("a", a, g.da()))).assertPassed();
    }

    @Test
    void weightSumIsTheWeightedSumOfTheRows() {
        Tensor hs = new Tensor(new double[] {1, 2, 10, 20}, 1, 2, 2);
        Tensor a = new Tensor(new double[] {0.25, 0.75}, 1, 2);
        Tensor c = new WeightSum().forward(hs, a);
        assertEquals(0.25 * 1 + 0.75 * 10, c.get(0, 0), 1e-12);
        assertEquals(0.25 * 2 + 0.75 * 20, c.get(0, 1), 1e-12);
    }

    @ParameterizedTest(name = "N={0} T={1} H={2}")
    @CsvSource({"3, 4, 3", "2, 5, 4", "1, 3, 3", "2, 1, 3"})
    void attention(int N, int T, int H) {
        Rng rng = new Rng(13);
        Tensor hs = Tensor.randn(rng, 1, N, T, H);
        Tensor h = Tensor.randn(rng, 1, N, H);
        Attention layer = new Attention();
        Tensor r = Tensor.randn(rng, 1, N, H);
        layer.forward(hs, h);
        Attention.Grads g = layer.backward(r);
        CHECKER.check(() -> Kernels.dot(layer.forward(hs, h).data, r.data),
                List.of(new Entry("hs", hs, g.dhs()), new Entry("h", h, g.dh()))).assertPassed();
    }

    /** Writing the context and dh into arrays the caller gives (TimeAttention's steps share them) gives the same bits. */
    @Test
    void attentionIntoGivenArraysGivesTheSameBits() {
        Rng rng = new Rng(17);
        Tensor hs = Tensor.randn(rng, 1, 3, 7, 20);
        Tensor h = Tensor.randn(rng, 1, 3, 20);
        Tensor dout = Tensor.randn(rng, 1, 3, 20);
        Attention own = new Attention();
        Attention given = new Attention();
        Tensor c = own.forward(hs, h);
        Tensor into = Tensor.zeros(3, 20);
        assertSame(into, given.forward(hs, h, into));
        assertArrayEquals(c.data, into.data);
        Tensor dhsOwn = Tensor.zeros(3, 7, 20);
        Tensor dhsGiven = Tensor.zeros(3, 7, 20);
        Tensor dh = own.backward(dout, dhsOwn);
        Tensor dhInto = Tensor.zeros(3, 20);
        assertSame(dhInto, given.backward(dout, dhsGiven, dhInto));
        assertArrayEquals(dh.data, dhInto.data);
        assertArrayEquals(dhsOwn.data, dhsGiven.data);
    }

    @ParameterizedTest(name = "N={0} Tenc={1} Tdec={2} H={3}")
    @CsvSource({"3, 5, 4, 3", "2, 4, 3, 4", "1, 3, 2, 3", "2, 1, 3, 3", "2, 3, 1, 4"})
    void timeAttention(int N, int Tenc, int Tdec, int H) {
        Rng rng = new Rng(14);
        Tensor hsEnc = Tensor.randn(rng, 1, N, Tenc, H);
        Tensor hsDec = Tensor.randn(rng, 1, N, Tdec, H);
        TimeAttention layer = new TimeAttention();
        Tensor r = Tensor.randn(rng, 1, N, Tdec, H);
        layer.forward(hsEnc, hsDec);
        TimeAttention.Grads g = layer.backward(r);
        CHECKER.check(() -> Kernels.dot(layer.forward(hsEnc, hsDec).data, r.data),
                List.of(new Entry("hs_enc", hsEnc, g.dhsEnc()), new Entry("hs_dec", hsDec, g.dhsDec()))).assertPassed();
    }

    @Test
    void timeAttentionKeepsEachStepsWeights() {
        Rng rng = new Rng(15);
        Tensor hsEnc = Tensor.randn(rng, 1, 2, 5, 3);
        Tensor hsDec = Tensor.randn(rng, 1, 2, 4, 3);
        TimeAttention layer = new TimeAttention();
        layer.forward(hsEnc, hsDec);
        Tensor w = layer.attentionWeights();
        assertEquals("(2, 4, 5)", w.shapeString());
        Tensor step2 = new AttentionWeight().forward(hsEnc, Slices.step(hsDec, 2));
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 5; t++) {
                assertEquals(step2.get(n, t), w.get(n, 2, t), 0.0);
            }
        }
    }

    @Test
    void aWrongTimeAttentionGradientIsCaught() {
        Rng rng = new Rng(16);
        Tensor hsEnc = Tensor.randn(rng, 1, 2, 3, 3);
        Tensor hsDec = Tensor.randn(rng, 1, 2, 2, 3);
        TimeAttention layer = new TimeAttention();
        Tensor r = Tensor.randn(rng, 1, 2, 2, 3);
        layer.forward(hsEnc, hsDec);
        TimeAttention.Grads g = layer.backward(r);
        g.dhsEnc().data[4] *= 1.01;
        assertFalse(CHECKER.check(() -> Kernels.dot(layer.forward(hsEnc, hsDec).data, r.data),
                List.of(new Entry("hs_enc", hsEnc, g.dhsEnc()))).passed());
    }
}
