package dl2.ch05;

import dl2.common.GradientChecker;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SimpleRnnlmTest {
    static final int V = 7, D = 4, H = 3;

    static IntTensor ids(Rng rng, int n, int t) {
        IntTensor x = IntTensor.zeros(n, t);
        for (int i = 0; i < x.size(); i++) {
            x.data[i] = rng.nextInt(V);
        }
        return x;
    }

    /** Embedding, RNN and Affine weights are small at the book's init; scale them up so that every gradient is far from zero. */
    static SimpleRnnlm model(long seed) {
        SimpleRnnlm model = new SimpleRnnlm(V, D, H, new Rng(seed));
        Rng rng = new Rng(seed + 1);
        for (Tensor p : model.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.data[i] = rng.randn();
            }
        }
        return model;
    }

    @ParameterizedTest(name = "N={0}, T={1}")
    @CsvSource({"2, 4", "3, 5", "1, 3", "2, 1"})
    void wholeModelMatchesNumericalGradients(int n, int t) {
        Rng rng = new Rng(100 + 10 * n + t);
        SimpleRnnlm model = model(7 + n + t);
        IntTensor xs = ids(rng, n, t), ts = ids(rng, n, t);
        model.resetState();
        model.forward(xs, ts);
        model.backward();
        GradientChecker.Report report = GradientChecker.withDefaults().check(() -> {
            model.resetState();
            return model.forward(xs, ts);
        }, GradientChecker.paramEntries(model));
        report.assertPassed();
        assertEquals(V * D + D * H + H * H + H + H * V + V, report.checked());
    }

    @Test
    void gradientsOfACarriedStateBlockMatchToo() {
        // Truncated BPTT: the second block starts from the first block's last state, which is a constant for its gradients.
        Rng rng = new Rng(3);
        SimpleRnnlm model = model(3);
        IntTensor x1 = ids(rng, 2, 3), t1 = ids(rng, 2, 3), x2 = ids(rng, 2, 4), t2 = ids(rng, 2, 4);
        model.resetState();
        model.forward(x1, t1);
        model.forward(x2, t2);
        model.backward();
        var entries = GradientChecker.paramEntries(model);
        // Freeze the carried state: the numerical loss recomputes block 1 with the unperturbed weights.
        List<Tensor> saved = model.params().stream().map(Tensor::copy).toList();
        GradientChecker.withDefaults().check(() -> {
            List<Tensor> current = model.params().stream().map(Tensor::copy).toList();
            for (int i = 0; i < saved.size(); i++) {
                model.params().get(i).set(saved.get(i));
            }
            model.resetState();
            model.forward(x1, t1);
            for (int i = 0; i < saved.size(); i++) {
                model.params().get(i).set(current.get(i));
            }
            return model.forward(x2, t2);
        }, entries).assertPassed();
    }

    @Test
    void stateIsCarriedUntilReset() {
        Rng rng = new Rng(5);
        SimpleRnnlm model = model(5);
        IntTensor xs = ids(rng, 2, 4), ts = ids(rng, 2, 4);
        double first = model.forward(xs, ts);
        double carried = model.forward(xs, ts);
        model.resetState();
        double again = model.forward(xs, ts);
        assertNotEquals(first, carried, "the second call must start from the first call's last hidden state: SimpleRnnlm's TimeRNN is stateful");
        assertEquals(first, again, 0.0);
    }

    @Test
    void initialisesAsTheBook() {
        int v = 300, d = 200, h = 150;
        SimpleRnnlm model = new SimpleRnnlm(v, d, h, new Rng(1));
        List<Tensor> p = model.params();
        assertEquals(6, p.size());
        double[] expectedStd = {1.0 / 100, 1 / Math.sqrt(d), 1 / Math.sqrt(h), 0, 1 / Math.sqrt(h), 0};
        int[][] shapes = {{v, d}, {d, h}, {h, h}, {h}, {h, v}, {v}};
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(shapes[i], p.get(i).shape, "shape of param " + i);
            double sq = 0;
            for (double x : p.get(i).data) {
                sq += x * x;
            }
            assertEquals(expectedStd[i], Math.sqrt(sq / p.get(i).size()), 0.03 * expectedStd[i] + 1e-12, "std of param " + i);
        }
    }

    @Test
    void lossStartsNearLogV() {
        // With the book's small init the first prediction is close to uniform: loss ≈ ln V.
        Rng rng = new Rng(9);
        SimpleRnnlm model = new SimpleRnnlm(V, 10, 10, new Rng(9));
        double loss = model.forward(ids(rng, 4, 5), ids(rng, 4, 5));
        assertEquals(Math.log(V), loss, 0.1);
    }
}
