package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * One step of a simple RNN (book 5.3.1): {@code h_next = tanh(h_prev · Wh + x · Wx + b)}.
 * {@link TimeRNN} runs one of these per time step.
 */
public final class RNN implements Parameterized {
    /** What a step passes back: the gradients of its input {@code x} and of the previous hidden state. */
    public record Gradients(Tensor dx, Tensor dhPrev) {
    }

    private final Tensor Wx;    // (D, H)
    private final Tensor Wh;    // (H, H)
    private final Tensor b;     // (H)
    private final Tensor dWx;
    private final Tensor dWh;
    private final Tensor db;
    private final boolean addsGrads;
    private Tensor x;           // (N, D)
    private Tensor hPrev;       // (N, H)
    private Tensor hNext;       // (N, H)
    private Tensor dt;          // (N, H) work buffer of backward

    /** A step on its own: {@link #backward} overwrites its own gradients. */
    public RNN(Tensor Wx, Tensor Wh, Tensor b) {
        this(Wx, Wh, b, Tensor.zerosLike(Wx), Tensor.zerosLike(Wh), Tensor.zerosLike(b), false);
    }

    private RNN(Tensor Wx, Tensor Wh, Tensor b, Tensor dWx, Tensor dWh, Tensor db, boolean addsGrads) {
        if (Wx.dim(1) != Wh.dim(0) || Wh.dim(1) != Wh.dim(0) || b.size() != Wh.dim(0)) {
            throw new IllegalArgumentException("RNN weights must be Wx (D, H), Wh (H, H), b (H); got "
                    + Wx.shapeString() + ", " + Wh.shapeString() + ", " + b.shapeString());
        }
        this.Wx = Wx;
        this.Wh = Wh;
        this.b = b;
        this.dWx = dWx;
        this.dWh = dWh;
        this.db = db;
        this.addsGrads = addsGrads;
    }

    /**
     * A step of a time layer whose params and grads are {@code [Wx, Wh, b]}: it uses those parameters and its
     * backward adds into the owner's gradients, so that after the loop over t they hold the sum over the
     * steps (the book's TimeRNN.backward adds up the steps' grads; this skips the per-step copies).
     */
    static RNN stepOf(Parameterized owner) {
        List<Tensor> p = owner.params();
        List<Tensor> g = owner.grads();
        return new RNN(p.get(0), p.get(1), p.get(2), g.get(0), g.get(1), g.get(2), true);
    }

    @Override
    public List<Tensor> params() {
        return List.of(Wx, Wh, b);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dWx, dWh, db);
    }

    /** {@code x (N, D)}, {@code hPrev (N, H)} → {@code h_next (N, H)}. */
    public Tensor forward(Tensor x, Tensor hPrev) {
        int D = Wx.dim(0), H = Wx.dim(1), N = x.dim(0);
        Tensor hNext = Tensor.zeros(N, H);
        Kernels.matmul(hPrev.data, Wh.data, hNext.data, N, H, H);   // h_prev · Wh
        Kernels.matmulAcc(x.data, Wx.data, hNext.data, N, D, H);    // + x · Wx
        Kernels.addRowVector(hNext.data, b.data, N, H);             // + b
        Kernels.tanhInPlace(hNext.data);
        this.x = x;
        this.hPrev = hPrev;
        this.hNext = hNext;
        return hNext;
    }

    /** {@code dh_next (N, H)} → {@code dx (N, D)}, {@code dh_prev (N, H)}; fills the gradients of Wx, Wh, b. */
    public Gradients backward(Tensor dhNext) {
        int D = Wx.dim(0), H = Wx.dim(1), N = x.dim(0);
        dt = Tensor.reuse(dt, N, H);
        Kernels.tanhBackward(dhNext.data, hNext.data, dt.data);    // dt = dh_next ⊙ (1 − h_next²)
        if (!addsGrads) {
            dWx.fill(0);
            dWh.fill(0);
            db.fill(0);
        }
        Kernels.sumRowsAcc(dt.data, db.data, N, H);                 // db = Σ_n dt
        Kernels.matmulAtBAcc(hPrev.data, dt.data, dWh.data, N, H, H);  // dWh = h_prevᵀ · dt
        Kernels.matmulAtBAcc(x.data, dt.data, dWx.data, N, D, H);      // dWx = xᵀ · dt
        Tensor dhPrev = Tensor.zeros(N, H);
        Kernels.matmulABt(dt.data, Wh.data, dhPrev.data, N, H, H);     // dh_prev = dt · Whᵀ
        Tensor dx = Tensor.zeros(N, D);
        Kernels.matmulABt(dt.data, Wx.data, dx.data, N, H, D);         // dx = dt · Wxᵀ
        return new Gradients(dx, dhPrev);
    }
}
