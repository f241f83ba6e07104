package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * One LSTM step (book 6.3): the four gates come from one product for {@code x} and one for {@code h},
 * {@code A = x · Wx + h_prev · Wh + b (N, 4H)}, whose column blocks are, in the book's order,
 * {@code f = σ(A[:, :H])}, {@code g = tanh(A[:, H:2H])}, {@code i = σ(A[:, 2H:3H])}, {@code o = σ(A[:, 3H:])};
 * then {@code c_next = f ⊙ c_prev + g ⊙ i} and {@code h_next = o ⊙ tanh(c_next)}.
 *
 * <p>The two products are made as one: {@code x · Wx + h_prev · Wh = [x, h_prev] · [Wx; Wh]}, the inputs side
 * by side times the weights stacked, {@code (N, D + H) · (D + H, 4H)}. Every element of {@code A} is the same
 * sum in the same order as with two products, but one larger product runs faster than two small ones; the
 * backward pass likewise gets {@code [dx, dh_prev] = dA · [Wx; Wh]ᵀ} from one product, and the weight
 * gradients from the book's two, {@code dWx = xᵀ · dA} and {@code dWh = h_prevᵀ · dA}.
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
    private Tensor x;           // (N, D) a copy of the input; with hPrev, cPrev, the gates and cNext the book's cache
    private Tensor hPrev;       // (N, H) the previous step's outputs, kept by reference as the book does
    private Tensor cPrev;       // (N, H)
    private Tensor gates;       // (N, 4H) f, g, i, o after their activations
    private Tensor hNext;       // (N, H) the outputs, this step's own arrays
    private Tensor cNext;       // (N, H)

    /** A step on its own: {@link #backward} overwrites its own gradients. */
    public LSTM(Tensor Wx, Tensor Wh, Tensor b) {
        this(Wx, Wh, b, Tensor.zerosLike(Wx), Tensor.zerosLike(Wh), Tensor.zerosLike(b));
    }

    private LSTM(Tensor Wx, Tensor Wh, Tensor b, Tensor dWx, Tensor dWh, Tensor db) {
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
    }

    /**
     * A step of a time layer whose params and grads are {@code [Wx, Wh, b]}: it uses those parameters, and its
     * backward adds into the owner's gradients (the book's TimeLSTM.backward sums the steps' grads).
     */
    static LSTM stepOf(Parameterized owner) {
        List<Tensor> p = owner.params();
        List<Tensor> g = owner.grads();
        return new LSTM(p.get(0), p.get(1), p.get(2), g.get(0), g.get(1), g.get(2));
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
     * keeps what backward needs (a copy of {@code x}; {@code hPrev} and {@code cPrev} themselves, which must not
     * change before backward) and writes its outputs into arrays of its own, which its next forward overwrites
     * (a time layer has one step object per time step, so each output lives until then).
     */
    public Output forward(Tensor x, Tensor hPrev, Tensor cPrev) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        return forward(x, hPrev, cPrev, Kernels.pack(stack(Wx, Wh).data, D + H, 4 * H, null), Tensor.zeros(N, D + H));
    }

    /**
     * {@link #forward(Tensor, Tensor, Tensor)} given {@code W = [Wx; Wh] (D + H, 4H)}, which a time layer stacks and
     * packs once for all its steps ({@link Kernels#pack}), and a work array {@code xh (N, D + H)} for
     * {@code [x, h_prev]}, which the steps share.
     */
    Output forward(Tensor x, Tensor hPrev, Tensor cPrev, Kernels.Packed W, Tensor xh) {
        int H = Wh.dim(0), N = x.dim(0);
        this.x = Tensor.reuse(this.x, x.shape);
        this.x.set(x);
        this.hPrev = hPrev;
        this.cPrev = cPrev;
        Steps.sideBySide(x, hPrev, xh);                                              // [x, h_prev]
        gates = Tensor.reuse(gates, N, 4 * H);
        Kernels.matmulBias(xh.data, W, b.data, gates.data, N);                       // A = [x, h_prev] · [Wx; Wh] + b
        cNext = Tensor.reuse(cNext, N, H);
        hNext = Tensor.reuse(hNext, N, H);
        Kernels.lstmForward(gates.data, cPrev.data, cNext.data, hNext.data, N, H);
        return new Output(hNext, cNext);
    }

    /** {@code dh_next}, {@code dc_next} (N, H) → {@code dx (N, D)}, {@code dh_prev}, {@code dc_prev} (N, H); fills the gradients. */
    public Gradients backward(Tensor dhNext, Tensor dcNext) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        Tensor W = stack(Wx, Wh);
        dWx.fill(0);
        dWh.fill(0);
        db.fill(0);
        return backward(dhNext, dcNext, Kernels.packTransposed(W.data, D + H, 4 * H, null), Tensor.zeros(N, 4 * H),
                Tensor.zeros(N, D + H), new Gradients(Tensor.zeros(N, D), Tensor.zeros(N, H), Tensor.zeros(N, H)));
    }

    /**
     * {@link #backward(Tensor, Tensor)} with what a time layer shares between its steps: {@code WT = [Wx; Wh]ᵀ},
     * packed once for all the steps ({@link Kernels#packTransposed}); work arrays
     * {@code dA (N, 4H)} and {@code dxh (N, D + H)}; and the arrays {@code into} to write the gradients to, which
     * must not be {@code dhNext} or {@code dcNext}. Adds into the owner's {@code dWx}, {@code dWh} and {@code db}
     * (the book's TimeLSTM sums the steps' gradients).
     */
    Gradients backward(Tensor dhNext, Tensor dcNext, Kernels.Packed WT, Tensor dA, Tensor dxh, Gradients into) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        Kernels.lstmBackward(gates.data, cPrev.data, cNext.data, dhNext.data, dcNext.data, dA.data, into.dcPrev().data, N, H);
        Kernels.matmulAtBAcc(x.data, dA.data, dWx.data, N, D, 4 * H);         // dWx += xᵀ · dA
        Kernels.matmulAtBAcc(hPrev.data, dA.data, dWh.data, N, H, 4 * H);     // dWh += h_prevᵀ · dA
        Kernels.sumRowsAcc(dA.data, db.data, N, 4 * H);                       // db += Σ_n dA
        Kernels.matmul(dA.data, WT, dxh.data, N);                             // [dx, dh_prev] = dA · [Wx; Wh]ᵀ
        Steps.split(dxh, into.dx(), into.dhPrev());
        return into;
    }

    /** {@code [Wx; Wh]}: the weights stacked, a new {@code (D + H, 4H)} tensor. */
    static Tensor stack(Tensor Wx, Tensor Wh) {
        return stack(Wx, Wh, null);
    }

    /** {@code [Wx; Wh]} written into {@code into} when it has the shape {@code (D + H, 4H)}, else into a new tensor; returns it. */
    static Tensor stack(Tensor Wx, Tensor Wh, Tensor into) {
        Tensor W = Tensor.reuse(into, Wx.dim(0) + Wh.dim(0), Wx.dim(1));
        System.arraycopy(Wx.data, 0, W.data, 0, Wx.data.length);
        System.arraycopy(Wh.data, 0, W.data, Wx.data.length, Wh.data.length);
        return W;
    }
}
