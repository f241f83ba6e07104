package dl2.ch07;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Numerical gradient checks of the chapter-7 parts and of the whole models, on tiny odd shapes
 * (V 7, D 3, H 4 so that a transposed index shows), with the N = 1 and T = 1 edge cases.
 */
class Seq2seqGradientTest {
    static final int V = 7, D = 3, H = 4;
    static final GradientChecker CHECKER = GradientChecker.withDefaults();

    static IntTensor randomIds(Rng rng, int n, int t) {
        return randomIdsOf(rng, V, n, t);
    }

    /** An (n, t) tensor of ids drawn uniformly from 0..vocab-1. */
    static IntTensor randomIdsOf(Rng rng, int vocab, int n, int t) {
        int[] ids = new int[n * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(vocab);
        }
        return new IntTensor(ids, n, t);
    }

    static void checkEncoder(int n, int t) {
        Rng rng = new Rng(11);
        Encoder encoder = new Encoder(V, D, H, rng);
        IntTensor xs = randomIds(rng, n, t);
        Tensor h = encoder.forward(xs);
        assertEquals(List.of(n, H), List.of(h.dim(0), h.dim(1)));
        Tensor r = Tensor.randn(rng, 1.0, n, H);
        encoder.backward(r);
        CHECKER.check(() -> Kernels.dot(encoder.forward(xs).data, r.data), GradientChecker.paramEntries(encoder)).assertPassed();
    }

    static void checkDecoder(Seq2seqDecoder decoder, Rng rng, int n, int t) {
        IntTensor xs = randomIds(rng, n, t);
        Tensor h = Tensor.randn(rng, 1.0, n, H);
        Tensor score = decoder.forward(xs, h);
        assertEquals(List.of(n, t, V), List.of(score.dim(0), score.dim(1), score.dim(2)));
        Tensor r = Tensor.randn(rng, 1.0, n, t, V);
        Tensor dh = decoder.backward(r);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("h", h, dh.copy()));
        entries.addAll(GradientChecker.paramEntries(decoder));
        CHECKER.check(() -> Kernels.dot(decoder.forward(xs, h).data, r.data), entries).assertPassed();
    }

    static void checkModel(Seq2seq model, Rng rng, int n, int tq, int ta) {
        IntTensor xs = randomIds(rng, n, tq);
        IntTensor ts = randomIds(rng, n, ta);
        model.forward(xs, ts);
        model.backward();
        CHECKER.check(() -> model.forward(xs, ts), GradientChecker.paramEntries(model)).assertPassed();
    }

    @Test
    void encoder() {
        checkEncoder(3, 5);
    }

    @Test
    void encoderOneRowOneStep() {
        checkEncoder(1, 1);
    }

    @Test
    void decoder() {
        Rng rng = new Rng(12);
        checkDecoder(new Decoder(V, D, H, rng), rng, 3, 4);
    }

    @Test
    void decoderOneRowOneStep() {
        Rng rng = new Rng(13);
        checkDecoder(new Decoder(V, D, H, rng), rng, 1, 1);
    }

    @Test
    void peekyDecoder() {
        Rng rng = new Rng(14);
        checkDecoder(new PeekyDecoder(V, D, H, rng), rng, 2, 5);
    }

    @Test
    void peekyDecoderOneRowOneStep() {
        Rng rng = new Rng(15);
        checkDecoder(new PeekyDecoder(V, D, H, rng), rng, 1, 1);
    }

    @Test
    void seq2seq() {
        Rng rng = new Rng(16);
        checkModel(new Seq2seq(V, D, H, rng), rng, 3, 5, 4);
    }

    @Test
    void seq2seqOneRowOneAnswerStep() {
        Rng rng = new Rng(17);
        checkModel(new Seq2seq(V, D, H, rng), rng, 1, 1, 2);
    }

    @Test
    void peekySeq2seq() {
        Rng rng = new Rng(18);
        checkModel(new PeekySeq2seq(V, D, H, rng), rng, 2, 5, 4);
    }

    @Test
    void peekySeq2seqOneRowOneAnswerStep() {
        Rng rng = new Rng(19);
        checkModel(new PeekySeq2seq(V, D, H, rng), rng, 1, 3, 2);
    }

    @Test
    void parameterShapesFollowTheBook() {
        Rng rng = new Rng(20);
        List<String> plain = shapes(new Seq2seq(V, D, H, rng));
        assertEquals(List.of("(7, 3)", "(3, 16)", "(4, 16)", "(16)", "(7, 3)", "(3, 16)", "(4, 16)", "(16)", "(4, 7)", "(7)"), plain);
        List<String> peeky = shapes(new PeekySeq2seq(V, D, H, rng));
        assertEquals(List.of("(7, 3)", "(3, 16)", "(4, 16)", "(16)", "(7, 3)", "(7, 16)", "(4, 16)", "(16)", "(8, 7)", "(7)"), peeky);
    }

    private static List<String> shapes(Seq2seq model) {
        return model.params().stream().map(Tensor::shapeString).toList();
    }
}
