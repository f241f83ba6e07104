package dl2.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.util.Util;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-model gradient checks of Rnnlm and BetterRnnlm: every parameter, through the loss. */
class RnnlmGradientTest {
    private static final int V = 7;

    private static IntTensor ids(Rng rng, int n, int t) {
        IntTensor x = IntTensor.zeros(n, t);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextInt(V);
        }
        return x;
    }

    /** Entries for the distinct parameters, a tied tensor's gradients summed ({@code Util.removeDuplicate} on copies). */
    private static List<Entry> mergedEntries(RnnlmModel model) {
        List<Tensor> gradCopies = model.grads().stream().map(Tensor::copy).toList();
        Util.ParamsGrads pg = Util.removeDuplicate(model.params(), gradCopies);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < pg.params().size(); i++) {
            entries.add(new Entry("param" + i, pg.params().get(i), pg.grads().get(i)));
        }
        return entries;
    }

    /** Runs forward and backward from a reset state, then checks against the loss recomputed from a reset state. */
    private static GradientChecker.Report check(RnnlmModel model, IntTensor xs, IntTensor ts) {
        model.resetState();
        model.forward(xs, ts);
        model.backward();
        List<Entry> entries = mergedEntries(model);
        return GradientChecker.withDefaults().check(() -> {
            model.resetState();
            return model.forward(xs, ts);
        }, entries);
    }

    @Test
    void rnnlmGradients() {
        Rng rng = new Rng(11);
        Rnnlm model = new Rnnlm(V, 3, 4, rng);
        randomizeBiases(model, rng);
        check(model, ids(rng, 2, 5), ids(rng, 2, 5)).assertPassed();
    }

    @Test
    void rnnlmGradientsWithOneRowAndOneStep() {
        Rng rng = new Rng(12);
        Rnnlm model = new Rnnlm(V, 3, 4, rng);
        randomizeBiases(model, rng);
        check(model, ids(rng, 1, 1), ids(rng, 1, 1)).assertPassed();
    }

    @Test
    void betterRnnlmGradientsWithFixedDropoutMasksAndTiedWeights() {
        Rng rng = new Rng(13);
        BetterRnnlm model = new BetterRnnlm(V, 4, 4, 0.5, rng);
        randomizeBiases(model, rng);
        assertSame(model.params().get(0), model.params().get(model.params().size() - 2), "embedding and output weight are one tensor");
        model.freezeDropoutMasks(true);
        GradientChecker.Report r = check(model, ids(rng, 3, 4), ids(rng, 3, 4));
        r.assertPassed();
        assertEquals(V * 4 + 2 * (4 * 16 + 4 * 16 + 16) + V, r.checked(), "the tied weight is checked once");
    }

    @Test
    void betterRnnlmGradientsInEvaluationMode() {
        Rng rng = new Rng(14);
        BetterRnnlm model = new BetterRnnlm(V, 3, 3, 0.5, rng);
        randomizeBiases(model, rng);
        model.setTraining(false);
        check(model, ids(rng, 1, 3), ids(rng, 1, 3)).assertPassed();
    }

    @Test
    void tiedGradientIsTheSumOfBothUses() {
        Rng rng = new Rng(15);
        BetterRnnlm model = new BetterRnnlm(V, 3, 3, 0.5, rng);
        model.freezeDropoutMasks(true);
        model.forward(ids(rng, 2, 3), ids(rng, 2, 3));
        model.backward();
        List<Tensor> g = model.grads();
        Tensor expected = g.get(0).copy();
        for (int i = 0; i < expected.size(); i++) {
            expected.data[i] += g.get(g.size() - 2).data[i];
        }
        Tensor merged = mergedEntries(model).get(0).analytic();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.data[i], merged.data[i], 1e-15);
        }
    }

    @Test
    void tyingNeedsEqualSizes() {
        assertThrows(IllegalArgumentException.class, () -> new BetterRnnlm(V, 3, 4, 0.5, new Rng(1)));
    }

    /** The book starts biases at zero; random ones make the check see the bias paths with non-trivial values. */
    private static void randomizeBiases(RnnlmModel model, Rng rng) {
        for (Tensor p : model.params()) {
            if (p.ndim() == 1) {
                for (int i = 0; i < p.size(); i++) {
                    p.data[i] = 0.5 * rng.randn();
                }
            }
        }
    }
}
