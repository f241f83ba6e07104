package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.assertClose;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeAffineTest {
    static final int D = 4;
    static final int M = 5;

    @Test
    void gradients() {
        Rng rng = new Rng(1);
        TimeAffine layer = new TimeAffine(randn(rng, D, M), randn(rng, M));
        CHECKER.checkLayer(layer, randn(rng, 2, 3, D), 41).assertPassed();
        CHECKER.checkLayer(layer, randn(rng, 1, 1, D), 42).assertPassed();
    }

    @Test
    void tiedGradients() {
        Rng rng = new Rng(2);
        TimeAffine layer = TimeAffine.tied(randn(rng, M, D), randn(rng, M));
        CHECKER.checkLayer(layer, randn(rng, 3, 2, D), 43).assertPassed();
    }

    /** The tied layer on W (M, D) computes what the plain one computes on Wᵀ, and its dW is the transpose of the plain dW. */
    @Test
    void tiedIsThePlainLayerOnTheTranspose() {
        Rng rng = new Rng(3);
        Tensor W = randn(rng, M, D);
        Tensor b = randn(rng, M);
        Tensor xs = randn(rng, 2, 3, D);
        Tensor dout = randn(rng, 2, 3, M);
        TimeAffine tied = TimeAffine.tied(W, b);
        TimeAffine plain = new TimeAffine(new Tensor(Kernels.transpose(W.data, M, D), D, M), b);
        assertClose(plain.forward(xs), tied.forward(xs), 1e-12);
        assertClose(plain.backward(dout), tied.backward(dout), 1e-12);
        Tensor plainDW = plain.grads().get(0);
        assertClose(new Tensor(Kernels.transpose(plainDW.data, D, M), M, D), tied.grads().get(0), 1e-12);
    }

    @Test
    void rejectsABiasOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> TimeAffine.tied(Tensor.zeros(M, D), Tensor.zeros(D)));
    }
}
