package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * One LSTM step (book 6.3): the four gates come from ONE product each for {@code x} and {@code h},
 * {@code A = x · Wx + h_prev · Wh + b (N, 4H)}, whose column blocks are, in the book's order,
 * {@code f = σ(A[:, :H])}, {@code g = tanh(A[:, H:2H])}, {@code i = σ(A[:, 2H:3H])}, {@code o = σ(A[:, 3H:])};
 * then {@code c_next = f ⊙ c_prev + g ⊙ i} and {@code h_next = o ⊙ tanh(c_next)}.
 * The element-wise loops live in {@link Kernels#lstmForward} and {@link Kernels#lstmBackward}.
 */
public final class LSTM implements Parameterized {
    /** The two states a step hands to the next one. */
    public record Output(Tensor hNext, Tensor cNext) {
    }

    /** What a step passes back: the gradients of its input and of the previous hidden and cell states. */
    public record Gradients(Tensor dx, Tensor dhPrev, Tensor dcPrev) {
    }

    private final Tensor Wx;    // (D, 4H)
    private final Tensor Wh;    // (H, 4H)
    private final Tensor b;     // (4H)
    private final Tensor dWx;
    private final Tensor dWh;
    private final Tensor db;
    private final boolean addsGrads;
    private Tensor x;           // (N, D)
    private Tensor hPrev;       // (N, H)
    private Tensor cPrev;       // (N, H)
    private Tensor gates;       // (N, 4H) f, g, i, o after their activations
    private Tensor tanhC;       // (N, H) tanh(c_next)
    private Tensor hNext;       // (N, H) the outputs, this step's own arrays
    private Tensor cNext;       // (N, H)

    /** A step on its own: {@link #backward} overwrites its own gradients. */
    public LSTM(Tensor Wx, Tensor Wh, Tensor b) {
        this(Wx, Wh, b, Tensor.zerosLike(Wx), Tensor.zerosLike(Wh), Tensor.zerosLike(b), false);
    }

    private LSTM(Tensor Wx, Tensor Wh, Tensor b, Tensor dWx, Tensor dWh, Tensor db, boolean addsGrads) {
        if (Wx.dim(1) != 4 * Wh.dim(0) || Wh.dim(1) != 4 * Wh.dim(0) || b.size() != 4 * Wh.dim(0)) {
            throw new IllegalArgumentException("LSTM weights must be Wx (D, 4H), Wh (H, 4H), b (4H); got "
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
     * backward adds into the owner's gradients (the book's TimeLSTM.backward sums the steps' grads).
     */
    static LSTM stepOf(Parameterized owner) {
        List<Tensor> p = owner.params();
        List<Tensor> g = owner.grads();
        return new LSTM(p.get(0), p.get(1), p.get(2), g.get(0), g.get(1), g.get(2), true);
    }

    @Override
    public List<Tensor> params() {
        return List.of(Wx, Wh, b);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dWx, dWh, db);
    }

    /**
     * {@code x (N, D)}, {@code hPrev (N, H)}, {@code cPrev (N, H)} → {@code h_next}, {@code c_next} (N, H). The step
     * keeps its inputs for {@link #backward} and writes its outputs into arrays of its own, which its next
     * forward overwrites (a time layer has one step object per time step, so each output lives until then).
     */
    public Output forward(Tensor x, Tensor hPrev, Tensor cPrev) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        gates = Steps.reuse(gates, N, 4 * H);
        Kernels.matmul(x.data, Wx.data, gates.data, N, D, 4 * H);         // A = x · Wx
        Kernels.matmulAcc(hPrev.data, Wh.data, gates.data, N, H, 4 * H);  //   + h_prev · Wh
        Kernels.addRowVector(gates.data, b.data, N, 4 * H);               //   + b
        tanhC = Steps.reuse(tanhC, N, H);
        cNext = Steps.reuse(cNext, N, H);
        hNext = Steps.reuse(hNext, N, H);
        Kernels.lstmForward(gates.data, cPrev.data, cNext.data, tanhC.data, hNext.data, N, H);
        this.x = x;
        this.hPrev = hPrev;
        this.cPrev = cPrev;
        return new Output(hNext, cNext);
    }

    /** {@code dh_next}, {@code dc_next} (N, H) → {@code dx (N, D)}, {@code dh_prev}, {@code dc_prev} (N, H); fills the gradients. */
    public Gradients backward(Tensor dhNext, Tensor dcNext) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        return backward(dhNext, dcNext, Kernels.transpose(Wx.data, D, 4 * H), Kernels.transpose(Wh.data, H, 4 * H),
                Tensor.zeros(N, 4 * H), new Gradients(Tensor.zeros(N, D), Tensor.zeros(N, H), Tensor.zeros(N, H)));
    }

    /**
     * {@link #backward(Tensor, Tensor)} with what a time layer shares between its steps: the transposed weights
     * {@code WxT = Wxᵀ (4H, D)} and {@code WhT = Whᵀ (4H, H)}, made once, so that both input gradients are plain
     * products; a work array {@code dA (N, 4H)}; and the arrays {@code into} to write the gradients to, which
     * must not be {@code dhNext} or {@code dcNext}.
     */
    Gradients backward(Tensor dhNext, Tensor dcNext, double[] WxT, double[] WhT, Tensor dA, Gradients into) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        Kernels.lstmBackward(gates.data, cPrev.data, tanhC.data, dhNext.data, dcNext.data, dA.data, into.dcPrev().data, N, H);
        if (!addsGrads) {
            dWx.fill(0);
            dWh.fill(0);
            db.fill(0);
        }
        Kernels.matmulAtBAcc(x.data, dA.data, dWx.data, N, D, 4 * H);           // dWx = xᵀ · dA
        Kernels.matmulAtBAcc(hPrev.data, dA.data, dWh.data, N, H, 4 * H);       // dWh = h_prevᵀ · dA
        Kernels.sumRowsAcc(dA.data, db.data, N, 4 * H);                         // db = Σ_n dA
        Kernels.matmul(dA.data, WxT, into.dx().data, N, 4 * H, D);              // dx = dA · Wxᵀ
        Kernels.matmul(dA.data, WhT, into.dhPrev().data, N, 4 * H, H);          // dh_prev = dA · Whᵀ
        return into;
    }
}
