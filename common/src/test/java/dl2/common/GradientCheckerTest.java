package dl2.common;

import dl2.common.layers.Affine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckerTest {

    /** An Affine whose backward forgets to transpose W: the classic student mistake. */
    static final class WrongAffine implements Layer {
        final Affine inner;
        final Tensor W;

        WrongAffine(Tensor W, Tensor b) {
            this.inner = new Affine(W, b);
            this.W = W;
        }

        @Override
        public List<Tensor> params() {
            return inner.params();
        }

        @Override
        public List<Tensor> grads() {
            return inner.grads();
        }

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = inner.backward(dout);
            dx.data[1] += 0.01;  // one wrong element is enough to fail
            return dx;
        }
    }

    @Test
    void passesOnACorrectLayer() {
        Rng rng = new Rng(1);
        Affine layer = new Affine(Tensor.randn(rng, 1, 3, 5), Tensor.randn(rng, 1, 5));
        GradientChecker.Report report = GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 2, 3), 7);
        report.assertPassed();
        assertEquals(2 * 3 + 3 * 5 + 5, report.checked());
    }

    @Test
    void failsOnAWrongBackwardAndNamesTheElement() {
        Rng rng = new Rng(1);
        WrongAffine layer = new WrongAffine(Tensor.randn(rng, 1, 3, 5), Tensor.randn(rng, 1, 5));
        GradientChecker.Report report = GradientChecker.withDefaults().checkLayer(layer, Tensor.randn(rng, 1, 2, 3), 7);
        assertFalse(report.passed());
        assertEquals("x", report.tensor());
        assertEquals(List.of(0, 1), List.of(report.index()[0], report.index()[1]));
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("x[0, 1]"), e.getMessage());
    }

    @Test
    void failsOnAWrongParameterGradient() {
        Rng rng = new Rng(2);
        Affine layer = new Affine(Tensor.randn(rng, 1, 3, 4), Tensor.randn(rng, 1, 4));
        Tensor x = Tensor.randn(rng, 1, 1, 3);
        Tensor r = Tensor.randn(rng, 1, 1, 4);
        layer.forward(x);
        layer.backward(r);
        Tensor wrongDb = layer.grads().get(1).copy();
        wrongDb.data[3] *= 2;  // db doubled in one place
        GradientChecker.Report report = GradientChecker.withDefaults().check(
                () -> Kernels.dot(layer.forward(x).data, r.data),
                List.of(new GradientChecker.Entry("b", layer.params().get(1), wrongDb)));
        assertFalse(report.passed());
        assertEquals("b", report.tensor());
        assertEquals(3, report.index()[0]);
    }

    @Test
    void catchesNaNGradients() {
        Tensor v = new Tensor(new double[] {1, 2}, 2);
        Tensor g = new Tensor(new double[] {2, Double.NaN}, 2);
        GradientChecker.Report report = GradientChecker.withDefaults().check(
                () -> v.data[0] * v.data[0] + v.data[1], List.of(new GradientChecker.Entry("v", v, g)));
        assertFalse(report.passed());
        assertEquals(1, report.index()[0]);
    }

    @Test
    void rejectsAGradientOfAnotherShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new GradientChecker.Entry("W", Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
    }
}
