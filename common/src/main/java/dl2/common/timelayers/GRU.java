package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * One GRU step (book appendix C, in the book's code as {@code GRU} in common/time_layers.py):
 * <pre>
 * z  = σ(x · Wxz + h_prev · Whz + bz)           update gate
 * r  = σ(x · Wxr + h_prev · Whr + br)           reset gate
 * h̃  = tanh(x · Wxh + (r ⊙ h_prev) · Whh + bh)  candidate
 * h_next = (1 − z) ⊙ h_prev + z ⊙ h̃
 * </pre>
 * The weights are packed as the book's GRU packs them: {@code Wx (D, 3H)}, {@code Wh (H, 3H)}, {@code b (3H)},
 * column blocks z, r, h̃. The x part of all three is one product; the h part takes the z and r blocks of
 * {@code Wh} with {@code h_prev} and the h̃ block with {@code r ⊙ h_prev}.
 */
public final class GRU implements Parameterized {
    /** What a step passes back: the gradients of its input {@code x} and of the previous hidden state. */
    public record Gradients(Tensor dx, Tensor dhPrev) {
    }

    private final Tensor Wx;    // (D, 3H)
    private final Tensor Wh;    // (H, 3H)
    private final Tensor b;     // (3H)
    private final Tensor dWx;
    private final Tensor dWh;
    private final Tensor db;
    private final boolean addsGrads;
    private Tensor x;           // (N, D)
    private Tensor hPrev;       // (N, H)
    private Tensor gates;       // (N, 3H) z, r, h̃ after their activations
    private Tensor rh;          // (N, H) r ⊙ h_prev
    private Tensor dA;          // (N, 3H) work buffer of backward: gradients of the pre-activations
    private Tensor dhr;         // (N, H) work buffer of backward: gradient of r ⊙ h_prev

    /** A step on its own: {@link #backward} overwrites its own gradients. */
    public GRU(Tensor Wx, Tensor Wh, Tensor b) {
        this(Wx, Wh, b, Tensor.zerosLike(Wx), Tensor.zerosLike(Wh), Tensor.zerosLike(b), false);
    }

    private GRU(Tensor Wx, Tensor Wh, Tensor b, Tensor dWx, Tensor dWh, Tensor db, boolean addsGrads) {
        if (Wx.dim(1) != 3 * Wh.dim(0) || Wh.dim(1) != 3 * Wh.dim(0) || b.size() != 3 * Wh.dim(0)) {
            throw new IllegalArgumentException("GRU weights must be Wx (D, 3H), Wh (H, 3H), b (3H); got "
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
     * backward adds into the owner's gradients (the book's TimeGRU.backward sums the steps' grads).
     */
    static GRU stepOf(Parameterized owner) {
        List<Tensor> p = owner.params();
        List<Tensor> g = owner.grads();
        return new GRU(p.get(0), p.get(1), p.get(2), g.get(0), g.get(1), g.get(2), true);
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
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        gates = Tensor.reuse(gates, N, 3 * H);
        rh = Tensor.reuse(rh, N, H);
        Kernels.matmul(x.data, Wx.data, gates.data, N, D, 3 * H);                     // [z r h̃] = x · Wx
        Kernels.addRowVector(gates.data, b.data, N, 3 * H);                           //   + b
        Kernels.matmulColsAcc(hPrev.data, Wh.data, gates.data, N, H, 3 * H, 0, 2 * H);  // [z r] += h_prev · [Whz Whr]
        Kernels.gruResetGate(gates.data, hPrev.data, rh.data, N, H);                  // z, r = σ(.), rh = r ⊙ h_prev
        Kernels.matmulColsAcc(rh.data, Wh.data, gates.data, N, H, 3 * H, 2 * H, 3 * H);  // h̃ += rh · Whh
        Tensor hNext = Tensor.zeros(N, H);
        Kernels.gruOutput(gates.data, hPrev.data, hNext.data, N, H);                  // h̃ = tanh(.), h_next = (1−z)h + z h̃
        this.x = x;
        this.hPrev = hPrev;
        return hNext;
    }

    /** {@code dh_next (N, H)} → {@code dx (N, D)}, {@code dh_prev (N, H)}; fills the gradients of Wx, Wh, b. */
    public Gradients backward(Tensor dhNext) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        dA = Tensor.reuse(dA, N, 3 * H);
        dhr = Tensor.reuse(dhr, N, H);
        Tensor dhPrev = Tensor.zeros(N, H);
        Kernels.gruBackwardOutput(gates.data, hPrev.data, dhNext.data, dA.data, dhPrev.data, N, H);  // dz, dh̃; dh_prev = dh_next ⊙ (1−z)
        dhr.fill(0);
        Kernels.matmulABtColsAcc(dA.data, Wh.data, dhr.data, N, H, 3 * H, 2 * H, 3 * H);  // dhr = dh̃ · Whhᵀ
        Kernels.gruBackwardResetGate(gates.data, hPrev.data, dhr.data, dA.data, dhPrev.data, N, H);  // dr; dh_prev += r ⊙ dhr
        Kernels.matmulABtColsAcc(dA.data, Wh.data, dhPrev.data, N, H, 3 * H, 0, 2 * H);   // dh_prev += [dz dr] · [Whz Whr]ᵀ
        if (!addsGrads) {
            dWx.fill(0);
            dWh.fill(0);
            db.fill(0);
        }
        Kernels.matmulAtBAcc(x.data, dA.data, dWx.data, N, D, 3 * H);                      // dWx = xᵀ · dA
        Kernels.matmulAtBColsAcc(hPrev.data, dA.data, dWh.data, N, H, 3 * H, 0, 2 * H);    // [dWhz dWhr] = h_prevᵀ · [dz dr]
        Kernels.matmulAtBColsAcc(rh.data, dA.data, dWh.data, N, H, 3 * H, 2 * H, 3 * H);   // dWhh = (r ⊙ h_prev)ᵀ · dh̃
        Kernels.sumRowsAcc(dA.data, db.data, N, 3 * H);                                    // db = Σ_n dA
        Tensor dx = Tensor.zeros(N, D);
        Kernels.matmulABt(dA.data, Wx.data, dx.data, N, 3 * H, D);                         // dx = dA · Wxᵀ
        return new Gradients(dx, dhPrev);
    }
}
