package dl2.ch08;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * The context vector {@code c = Σₜ a[:, t] · hs[:, t]}, the weighted sum of the encoder states
 * (book 8.1.3, "Decoder improvement ①"). No parameters. The context it returns, and the {@code da} of
 * {@link #backward(Tensor, Tensor)}, are arrays it owns, overwritten by the next call.
 */
public final class WeightSum implements Parameterized {
    /** The book's {@code (dhs, da)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhs, Tensor da) {
    }

    private Tensor hs;  // (N, T, H)
    private Tensor a;   // (N, T)
    private Tensor c;   // (N, H) the context of the last forward, unless the caller gave an array for it
    private Tensor da;  // (N, T) the gradient of the last backward

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hs (N, T, H)} and weights {@code a (N, T)} give the context {@code c (N, H)}. */
    public Tensor forward(Tensor hs, Tensor a) {
        c = Tensor.reuse(c, hs.dim(0), hs.dim(2));
        return forward(hs, a, c);
    }

    /**
     * {@link #forward(Tensor, Tensor)} that writes the context into {@code into (N, H)} and returns it: backward does
     * not read the context, so {@link TimeAttention}'s steps share one array for it.
     */
    public Tensor forward(Tensor hs, Tensor a, Tensor into) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Kernels.batchedVecMat(a.data, hs.data, into.data, N, T, H);  // c = sum(hs * a.reshape(N, T, 1), axis=1)
        this.hs = hs;
        this.a = a;
        return into;
    }

    /** {@code dc (N, H)} gives {@code dhs (N, T, H)} and {@code da (N, T)}. */
    public Grads backward(Tensor dc) {
        Tensor dhs = Tensor.zerosLike(hs);
        Tensor da = backward(dc, dhs);
        return new Grads(dhs, da);
    }

    /**
     * {@link #backward(Tensor)} that adds {@code dhs} into {@code dhsSum (N, T, H)} instead of returning it, and
     * returns {@code da (N, T)} (see {@link AttentionWeight#backward(Tensor, Tensor)}).
     */
    public Tensor backward(Tensor dc, Tensor dhsSum) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Kernels.batchedOuterAcc(a.data, dc.data, dhsSum.data, N, T, H);  // dhs += a.reshape(N, T, 1) * dc.reshape(N, 1, H)
        da = Tensor.reuse(da, N, T);
        Kernels.batchedMatVec(hs.data, dc.data, da.data, N, T, H);     // da = sum(dc.reshape(N, 1, H) * hs, axis=2)
        return da;
    }
}
