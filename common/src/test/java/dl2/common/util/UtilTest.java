package dl2.common.util;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.Tensor;
import dl2.common.UserException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtilTest {
    @Test
    void clipGradsScalesToTheMaximumNorm() {
        // norm = √(3² + 4² + 12²) = 13
        List<Tensor> grads = List.of(new Tensor(new double[] {3, 4}, 2), new Tensor(new double[] {12}, 1, 1));
        assertEquals(13.0, Util.clipGrads(grads, 6.5), 1e-15);
        double rate = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * rate, 4 * rate}, grads.get(0).data, 1e-15);
        assertArrayEquals(new double[] {12 * rate}, grads.get(1).data, 1e-15);
        double after = Math.sqrt(Math.pow(grads.get(0).data[0], 2) + Math.pow(grads.get(0).data[1], 2) + Math.pow(grads.get(1).data[0], 2));
        assertEquals(6.5, after, 1e-6);
    }

    @Test
    void clipGradsLeavesSmallGradientsAlone() {
        List<Tensor> grads = List.of(new Tensor(new double[] {3, 4}, 2), new Tensor(new double[] {12}, 1, 1));
        assertEquals(13.0, Util.clipGrads(grads, 20), 1e-15);
        assertArrayEquals(new double[] {3, 4}, grads.get(0).data);
        assertArrayEquals(new double[] {12}, grads.get(1).data);
        assertEquals(13.0, Util.clipGrads(grads, 13), 1e-15);  // rate 13 / (13 + 1e-6) < 1: the book clips at equality
        assertTrue(grads.get(1).data[0] < 12);
    }

    @Test
    void removeDuplicateAddsTheGradientsOfASharedTensor() {
        Tensor a = Tensor.zeros(2), b = Tensor.zeros(3), c = Tensor.zeros(1);
        Tensor aEqual = Tensor.zeros(2);  // equal values, another object: not merged
        Tensor ga1 = new Tensor(new double[] {1, 2}, 2), ga2 = new Tensor(new double[] {10, 20}, 2);
        Tensor gb = new Tensor(new double[] {5, 6, 7}, 3), gc = new Tensor(new double[] {8}, 1);
        Tensor gEqual = new Tensor(new double[] {100, 200}, 2);
        List<Tensor> params = List.of(a, b, a, c, aEqual);
        List<Tensor> grads = List.of(ga1, gb, ga2, gc, gEqual);
        Util.ParamsGrads pg = Util.removeDuplicate(params, grads);
        assertEquals(4, pg.params().size());
        assertEquals(4, pg.grads().size());
        assertSame(a, pg.params().get(0));
        assertSame(b, pg.params().get(1));
        assertSame(c, pg.params().get(2));
        assertSame(aEqual, pg.params().get(3));
        assertSame(ga1, pg.grads().get(0));
        assertArrayEquals(new double[] {11, 22}, ga1.data);
        assertArrayEquals(new double[] {5, 6, 7}, pg.grads().get(1).data);
        assertArrayEquals(new double[] {100, 200}, pg.grads().get(3).data);
        assertEquals(5, params.size());
    }

    /** A language model whose loss is the mean of its input ids divided by 10, remembering its calls. */
    static final class FakeModel implements LanguageModel {
        final List<IntTensor> xsSeen = new ArrayList<>();
        final List<IntTensor> tsSeen = new ArrayList<>();
        int resets;

        @Override
        public double forward(IntTensor xs, IntTensor ts) {
            xsSeen.add(xs.copy());
            tsSeen.add(ts.copy());
            double s = 0;
            for (int v : xs.data) {
                s += v;
            }
            return s / xs.size() / 10;
        }

        @Override
        public void backward() {
            throw new AssertionError("evaluation must not call backward");
        }

        @Override
        public void resetState() {
            resets++;
            assertTrue(xsSeen.isEmpty(), "the state is reset before the first window");
        }

        @Override
        public List<Tensor> params() {
            return List.of();
        }

        @Override
        public List<Tensor> grads() {
            return List.of();
        }
    }

    @Test
    void evalPerplexityReadsTheBooksWindows() {
        // 23 words 0..22, batch 2, time 5: (23 − 1) / 10 = 2 windows, rows start (23 − 1) / 2 = 11 apart
        int[] corpus = new int[23];
        for (int i = 0; i < corpus.length; i++) {
            corpus[i] = i;
        }
        FakeModel model = new FakeModel();
        List<String> progress = new ArrayList<>();
        double ppl = Util.evalPerplexity(model, corpus, 2, 5, (done, total) -> progress.add(done + "/" + total));
        assertEquals(1, model.resets);
        assertEquals(2, model.xsSeen.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 11, 12, 13, 14, 15}, model.xsSeen.get(0).data);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 12, 13, 14, 15, 16}, model.tsSeen.get(0).data);
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 16, 17, 18, 19, 20}, model.xsSeen.get(1).data);
        assertArrayEquals(new int[] {2, 5}, model.xsSeen.get(1).shape);
        // losses 7.5 / 10 and 12.5 / 10: perplexity exp(1)
        assertEquals(Math.E, ppl, 1e-12);
        assertEquals(List.of("1/2", "2/2"), progress);
    }

    @Test
    void evalPerplexityStartsEachRowOneJumpFurther() {
        // 12 words, batch 3, time 3: (12 − 1) / 9 = 1 window, rows start 0, 3, 6 (jump (12 − 1) / 3 = 3)
        int[] corpus = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 10, 11};
        FakeModel model = new FakeModel();
        Util.evalPerplexity(model, corpus, 3, 3);
        assertArrayEquals(new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, model.xsSeen.get(0).data);
        assertArrayEquals(new int[] {8, 7, 6, 5, 4, 3, 2, 1, 0}, model.tsSeen.get(0).data);
    }

    @Test
    void evalPerplexityRejectsATooShortCorpus() {
        UserException e = assertThrows(UserException.class, () -> Util.evalPerplexity(new FakeModel(), new int[10], 2, 5));
        assertTrue(e.getMessage().contains("10 words"), e.getMessage());
    }
}
