package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.assertClose;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    /**
     * The input gradient taken in two column ranges, as the attention decoder takes it, is backward's {@code dx} bit for
     * bit, and the weight gradients alone are backward's; for the plain and the tied layer, at sizes that leave a
     * narrow last strip in the vector kernel (40 columns split at 17).
     */
    @Test
    void theInputGradientInPartsIsBackwardsBitForBit() {
        Rng rng = new Rng(4);
        int width = 40, outputs = 13, split = 17;
        for (boolean tied : new boolean[] {false, true}) {
            Tensor W = tied ? randn(rng, outputs, width) : randn(rng, width, outputs);
            Tensor b = randn(rng, outputs);
            Tensor xs = randn(rng, 3, 5, width);
            Tensor dout = randn(rng, 3, 5, outputs);
            TimeAffine whole = tied ? TimeAffine.tied(W, b) : new TimeAffine(W, b);
            TimeAffine parts = tied ? TimeAffine.tied(W, b) : new TimeAffine(W, b);
            whole.forward(xs);
            parts.forward(xs);
            Tensor dx = whole.backward(dout);
            parts.weightGradients(dout);
            Tensor left = parts.inputGradient(dout, 0, split, null);
            double[] leftBits = left.data.clone();
            Tensor right = parts.inputGradient(dout, split, width, null);
            assertArrayEquals(Slices.split(dx, 0, split).data, leftBits);
            assertArrayEquals(Slices.split(dx, split, width).data, right.data);
            assertArrayEquals(whole.grads().get(0).data, parts.grads().get(0).data);
            assertArrayEquals(whole.grads().get(1).data, parts.grads().get(1).data);
            assertSame(right, parts.inputGradient(dout, split, width, right), "an array of the right shape is reused");
        }
    }

    @Test
    void rejectsColumnsOutsideTheInput() {
        Rng rng = new Rng(5);
        TimeAffine layer = new TimeAffine(randn(rng, D, M), randn(rng, M));
        layer.forward(randn(rng, 1, 2, D));
        Tensor dout = randn(rng, 1, 2, M);
        assertThrows(IllegalArgumentException.class, () -> layer.inputGradient(dout, 2, D + 1, null));
        assertThrows(IllegalArgumentException.class, () -> layer.inputGradient(dout, 2, 2, null));
    }

    @Test
    void rejectsABiasOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> TimeAffine.tied(Tensor.zeros(M, D), Tensor.zeros(D)));
    }
}
