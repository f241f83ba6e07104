package dl2.ch08;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numerical gradient checks of the attention decoder and of whole attention seq2seq models (book 8.2),
 * also with the 8.4 extensions, on tiny shapes: vocabulary 7, word vectors 3, hidden 4 (so D ≠ H).
 */
class AttentionModelsTest {
    private static final GradientChecker CHECKER = GradientChecker.withDefaults();
    private static final int V = 7;
    private static final int D = 3;
    private static final int H = 4;

    private static IntTensor randomIds(Rng rng, int n, int t) {
        int[] ids = new int[n * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
        }
        return new IntTensor(ids, n, t);
    }

    @ParameterizedTest(name = "N={0} Tenc={1} Tdec={2} layers={3}")
    @CsvSource({"2, 5, 3, 1", "3, 4, 2, 1", "1, 3, 3, 1", "2, 1, 3, 1", "2, 4, 1, 1", "2, 5, 3, 2", "1, 3, 2, 3"})
    void attentionDecoder(int N, int Tenc, int Tdec, int layers) {
        Rng rng = new Rng(21);
        AttentionDecoder decoder = new AttentionDecoder(V, D, H, layers, rng);
        List<Tensor> encHs = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            encHs.add(Tensor.randn(rng, 1, N, Tenc, H));
        }
        IntTensor xs = randomIds(rng, N, Tdec);
        Tensor r = Tensor.randn(rng, 1, N, Tdec, V);
        decoder.forward(xs, encHs);
        List<Tensor> dencHs = decoder.backward(r);
        List<Entry> entries = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            entries.add(new Entry("enc_hs" + l, encHs.get(l), dencHs.get(l)));
        }
        entries.addAll(GradientChecker.paramEntries(decoder));
        CHECKER.check(() -> Kernels.dot(decoder.forward(xs, encHs).data, r.data), entries).assertPassed();
    }

    @ParameterizedTest(name = "layers={0} bidirectional={1}")
    @CsvSource({"1, false", "2, false", "1, true"})
    void attentionEncoderAloneHandsBackEveryState(int layers, boolean bidirectional) {
        Rng rng = new Rng(26);
        AttentionEncoder encoder = new AttentionEncoder(V, D, H, layers, bidirectional, rng);
        IntTensor xs = randomIds(rng, 2, 5);
        List<Tensor> hs = encoder.forward(xs);                                  // one (N, T, H') per layer
        List<Tensor> rs = new java.util.ArrayList<>();
        for (Tensor h : hs) {
            rs.add(Tensor.randn(rng, 1, h.shape));
        }
        encoder.backward(rs);                                                   // loss = Σ_l Σ hs[l] · r[l]
        List<Entry> entries = GradientChecker.paramEntries(encoder);
        CHECKER.check(() -> {
            List<Tensor> out = encoder.forward(xs);
            double loss = 0;
            for (int l = 0; l < out.size(); l++) {
                loss += Kernels.dot(out.get(l).data, rs.get(l).data);
            }
            return loss;
        }, entries).assertPassed();
    }

    /** The whole model: every parameter against the mean loss, backward from dout = 1. */
    private static GradientChecker.Report checkModel(AttentionSeq2seq model, IntTensor xs, IntTensor ts) {
        model.forward(xs, ts);
        model.backward();
        return CHECKER.check(() -> model.forward(xs, ts), GradientChecker.paramEntries(model));
    }

    @ParameterizedTest(name = "N={0} Tq={1} Ta={2}")
    @CsvSource({"2, 5, 4", "3, 4, 3", "1, 3, 4", "2, 1, 3", "2, 4, 2"})
    void attentionSeq2seqAsTheBookBuildsIt(int N, int Tq, int Ta) {
        Rng rng = new Rng(22);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, rng);
        checkModel(model, randomIds(rng, N, Tq), randomIds(rng, N, Ta)).assertPassed();
    }

    @ParameterizedTest(name = "layers={0}")
    @CsvSource({"2", "3"})
    void attentionSeq2seqWithADeeperStack(int layers) {
        Rng rng = new Rng(23);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, layers, false, rng);
        checkModel(model, randomIds(rng, 2, 5), randomIds(rng, 2, 4)).assertPassed();
    }

    @ParameterizedTest(name = "layers={0} N={1}")
    @CsvSource({"1, 2", "1, 1", "2, 2"})
    void attentionSeq2seqWithABidirectionalEncoder(int layers, int N) {
        Rng rng = new Rng(24);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, layers, true, rng);
        checkModel(model, randomIds(rng, N, 5), randomIds(rng, N, 4)).assertPassed();
    }

    /**
     * {@code train-attention}'s default, the LSTMs computing their gates again in backward: the gradient check, and
     * the very bits of the loss and of every gradient of the same model keeping its gates.
     */
    @ParameterizedTest(name = "layers={0} bidirectional={1}")
    @CsvSource({"1, false", "2, false", "1, true"})
    void recomputedGatesGiveTheBitsOfKeptOnes(int layers, boolean bidirectional) {
        Rng rng = new Rng(27);
        IntTensor xs = randomIds(rng, 3, 5), ts = randomIds(rng, 3, 4);
        AttentionSeq2seq kept = new AttentionSeq2seq(V, D, H, layers, bidirectional, new Rng(28));
        AttentionSeq2seq recomputing = new AttentionSeq2seq(V, D, H, layers, bidirectional, new Rng(28));
        recomputing.setRecomputeGates(true);
        checkModel(recomputing, xs, ts).assertPassed();
        assertEquals(kept.forward(xs, ts), recomputing.forward(xs, ts), 0.0);
        kept.backward();
        recomputing.backward();
        for (int i = 0; i < kept.grads().size(); i++) {
            assertArrayEquals(kept.grads().get(i).data, recomputing.grads().get(i).data, 0.0, "gradient " + i);
        }
    }

    /**
     * Once warmed up, a training pass of the whole model (forward and backward) makes no new arrays beyond a few
     * small ones (the lists of states, the attention weights the book keeps): its layers reuse theirs. Sizes where
     * {@code D + H} is not a multiple of 16, on one thread, as the bytes it allocates.
     */
    @ParameterizedTest(name = "recompute gates={0}")
    @CsvSource({"false", "true"})
    void aWarmTrainingPassMakesNoLargeArrays(boolean recompute) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported() && tb.isThreadAllocatedMemoryEnabled(), "no allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        Rng rng = new Rng(29);
        AttentionSeq2seq model = new AttentionSeq2seq(13, 17, 64, rng);   // packed [Wx; Wh]ᵀ of the encoder: 196 KB
        model.setRecomputeGates(recompute);
        IntTensor xs = randomIds(rng, 8, 6), ts = randomIds(rng, 8, 4);
        Kernels.setThreads(1);
        try {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 2000 && least > 32 * 1024; round++) {   // until the JIT has compiled the kernels
                long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
                model.forward(xs, ts);
                model.backward();
                least = Math.min(least, counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
            }
            assertTrue(least <= 32 * 1024, "a warm training pass allocated " + least + " bytes");
        } finally {
            Kernels.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void aBidirectionalEncoderDoublesTheDecoderWidth() {
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, 1, true, new Rng(1));
        List<String> shapes = model.params().stream().map(Tensor::shapeString).toList();
        assertEquals(List.of("(7, 3)", "(3, 16)", "(4, 16)", "(16)", "(3, 16)", "(4, 16)", "(16)",   // TimeBiLSTM
                "(7, 3)", "(3, 32)", "(8, 32)", "(32)", "(16, 7)", "(7)"), shapes);                   // decoder with 2H = 8
    }

    @Test
    void aWrongModelGradientIsCaught() {
        Rng rng = new Rng(25);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, rng);
        IntTensor xs = randomIds(rng, 2, 4), ts = randomIds(rng, 2, 3);
        model.forward(xs, ts);
        model.backward();
        List<Entry> entries = GradientChecker.paramEntries(model);
        entries.get(2).analytic().data[5] += 1e-3;   // encoder Wh
        assertFalse(CHECKER.check(() -> model.forward(xs, ts), entries).passed());
    }

    @Test
    void parametersAreTheBooksInItsOrder() {
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, new Rng(1));
        List<String> shapes = model.params().stream().map(Tensor::shapeString).toList();
        assertEquals(List.of("(7, 3)", "(3, 16)", "(4, 16)", "(16)",                       // encoder
                "(7, 3)", "(3, 16)", "(4, 16)", "(16)", "(8, 7)", "(7)"), shapes);          // decoder: Affine (2H, V)
    }

    @Test
    void attentionWeightsOfTheLastForwardAreKept() {
        Rng rng = new Rng(26);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, rng);
        model.forward(randomIds(rng, 3, 6), randomIds(rng, 3, 5));
        Tensor w = model.attentionWeights();
        assertEquals("(3, 4, 6)", w.shapeString());
        for (int n = 0; n < 3; n++) {
            for (int t = 0; t < 4; t++) {
                double sum = 0;
                for (int s = 0; s < 6; s++) {
                    sum += w.get(n, t, s);
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
    }

    @Test
    void batchedGreedyDecodingGivesTheAnswersOfOneQuestionAtATime() {
        Rng rng = new Rng(27);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, 5, rng);
        for (Tensor p : model.params()) {            // larger weights, so that the guesses differ between questions
            for (int i = 0; i < p.data.length; i++) {
                p.data[i] += rng.randn();
            }
        }
        int N = 9, Tq = 6, sample = 5;
        IntTensor xs = randomIds(rng, N, Tq);
        IntTensor batched = model.generate(xs, 0, sample);
        Tensor batchedWeights = model.attentionWeights().copy();
        assertEquals("(9, 5, 6)", batchedWeights.shapeString());
        Set<String> distinct = new HashSet<>();
        for (int n = 0; n < N; n++) {
            IntTensor one = model.generate(xs.rows(new int[] {n}), 0, sample);
            int[] row = Arrays.copyOfRange(batched.data, n * sample, (n + 1) * sample);
            assertArrayEquals(one.data, row, "question " + n);
            assertArrayEquals(model.attentionWeights().data,
                    Arrays.copyOfRange(batchedWeights.data, n * sample * Tq, (n + 1) * sample * Tq));
            distinct.add(Arrays.toString(row));
        }
        assertTrue(distinct.size() > 1, "the test needs guesses that differ");
    }

    @Test
    void generateFeedsBackItsOwnGuess() {
        // Teacher forcing with the generated answer gives the same attention weights as generate itself.
        Rng rng = new Rng(28);
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, rng);
        IntTensor xs = randomIds(rng, 2, 5);
        IntTensor guess = model.generate(xs, 3, 4);
        Tensor generated = model.attentionWeights().copy();
        int[] ts = new int[2 * 5];
        for (int n = 0; n < 2; n++) {
            ts[n * 5] = 3;
            System.arraycopy(guess.data, n * 4, ts, n * 5 + 1, 4);
        }
        model.forward(xs, new IntTensor(ts, 2, 5));
        Tensor forced = model.attentionWeights();
        for (int i = 0; i < forced.data.length; i++) {
            assertEquals(generated.data[i], forced.data[i], 1e-12);
        }
    }
}
