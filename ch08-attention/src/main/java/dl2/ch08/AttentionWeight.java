package dl2.ch08;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;
import dl2.common.layers.Softmax;

import java.util.List;

/**
 * The attention weights {@code a = softmax(hs · h)} (book 8.1.4, "Decoder improvement ②"): the score of
 * each encoder state {@code hs[:, t]} is its dot product with the decoder state {@code h}, and a softmax
 * over {@code t} turns the scores into weights that sum to 1. No parameters. The weights it returns, and the
 * {@code dh} of {@link #backward(Tensor, Tensor)}, are arrays it owns, overwritten by the next call.
 */
public final class AttentionWeight implements Parameterized {
    /** The book's {@code (dhs, dh)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhs, Tensor dh) {
    }

    private final Softmax softmax = new Softmax();
    private Tensor hs;  // (N, T, H)
    private Tensor h;   // (N, H)
    private Tensor s;   // (N, T) the scores of the last forward
    private Tensor dh;  // (N, H) the gradient of the last backward, unless the caller gave an array for it

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hs (N, T, H)} and {@code h (N, H)} give the weights {@code a (N, T)}. */
    public Tensor forward(Tensor hs, Tensor h) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        s = Tensor.reuse(s, N, T);
        Kernels.batchedMatVec(hs.data, h.data, s.data, N, T, H);  // s = sum(hs * h.reshape(N, 1, H), axis=2)
        this.hs = hs;
        this.h = h;
        return softmax.forward(s);
    }

    /** The encoder states {@code hs (N, T, H)} of the last forward. */
    Tensor hs() {
        return hs;
    }

    /** {@code da (N, T)} gives {@code dhs (N, T, H)} and {@code dh (N, H)}. */
    public Grads backward(Tensor da) {
        Tensor dhs = Tensor.zerosLike(hs);
        Tensor dh = backward(da, dhs);
        return new Grads(dhs, dh);
    }

    /**
     * {@link #backward(Tensor)} that adds {@code dhs} into {@code dhsSum (N, T, H)} instead of returning it, and
     * returns {@code dh (N, H)}: {@link TimeAttention} sums the encoder-state gradients of all decoder steps
     * this way, without an {@code (N, T, H)} array per step.
     */
    public Tensor backward(Tensor da, Tensor dhsSum) {
        dh = Tensor.reuse(dh, hs.dim(0), hs.dim(2));
        return backward(da, dhsSum, dh);
    }

    /** {@link #backward(Tensor, Tensor)} that writes {@code dh} into {@code dhInto (N, H)} and returns it ({@link TimeAttention}'s steps share one). */
    public Tensor backward(Tensor da, Tensor dhsSum, Tensor dhInto) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Tensor ds = softmax.backward(da);                           // (N, T)
        Kernels.batchedOuterAcc(ds.data, h.data, dhsSum.data, N, T, H);  // dhs += ds.reshape(N, T, 1) * h.reshape(N, 1, H)
        Kernels.batchedVecMat(ds.data, hs.data, dhInto.data, N, T, H);  // dh = sum(ds.reshape(N, T, 1) * hs, axis=1)
        return dhInto;
    }
}
