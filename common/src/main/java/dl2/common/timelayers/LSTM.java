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
 * The element-wise loops live in {@link Kernels#lstmForwardRows} and {@link Kernels#lstmBackwardRows}.
 *
 * <p>A time layer computes its steps row range by row range ({@link Kernels#parallelRows}: each thread takes its
 * batch rows through all the steps), so the step's work comes in parts: {@link #prepare} on one thread, the
 * rows of forward and backward on any, then the weight gradients {@link #addWeightGradients} by column range
 * once every row of {@code dA} is done.
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
    private Tensor hPrev;       // (N, H) the previous step's output, kept by reference as the book does: step hPrevStep of a
    private int hPrevStep;      // sequence (N, T, H), the time layer's outputs (an (N, H) array is a sequence of one step)
    private Tensor cPrev;       // (N, H)
    private Tensor gates;       // (N, 4H) f, g, i, o after their activations: ownGates, or an array the time layer shares between its steps
    private Tensor ownGates;    // (N, 4H) the step's own gates, when it keeps them
    private Tensor hNext;       // (N, H) where forward writes h_next: a time layer's steps share one, and it copies each into its outputs
    private Tensor cNext;       // (N, H) this step's own

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
     * change before backward) and writes {@code h_next} into a new array and {@code c_next} into an array of its
     * own, which its next forward overwrites.
     */
    public Output forward(Tensor x, Tensor hPrev, Tensor cPrev) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        prepare(hPrev, 0, cPrev, N, null, Tensor.zeros(N, H));
        forward(new Tensor(x.data, N, 1, D), 0, Kernels.packStacked(Wx.data, D, Wh.data, H, 4 * H, null), Tensor.zeros(N, D + H), 0, N);
        return new Output(hNext, cNext);
    }

    /**
     * Keeps {@code h_prev}, step {@code hPrevStep} of {@code hPrev (N, T, H)} (or {@code hPrev (N, H)} itself, step 0),
     * and {@code cPrev (N, H)}, by reference as the book's cache does, and sizes the step's arrays for a batch of
     * {@code N} rows: the part of forward that must come before the rows are computed, perhaps by several threads
     * ({@link Kernels#parallelRows}). {@code h_next} goes into {@code hNext (N, H)}, the gates into
     * {@code sharedGates (N, 4H)} when it is given (a time layer that computes them again in backward,
     * {@link #recomputeGates}), else into an array of the step's own.
     */
    void prepare(Tensor hPrev, int hPrevStep, Tensor cPrev, int N, Tensor sharedGates, Tensor hNext) {
        int D = Wx.dim(0), H = Wh.dim(0);
        this.hPrev = hPrev;
        this.hPrevStep = hPrevStep;
        this.cPrev = cPrev;
        this.hNext = hNext;
        x = Tensor.reuse(x, N, D);
        ownGates = sharedGates == null ? Tensor.reuse(ownGates, N, 4 * H) : null;
        gates = sharedGates == null ? ownGates : sharedGates;
        cNext = Tensor.reuse(cNext, N, H);
    }

    /**
     * Rows {@code [r0, r1)} of the forward step for {@code x = xs[:, t, :]}, after {@link #prepare}, given
     * {@code W = [Wx; Wh] (D + H, 4H)}, which a time layer packs once for all its steps
     * ({@link Kernels#packStacked}), and a work array {@code xh (N, D + H)} for {@code [x, h_prev]}, which the steps share.
     */
    void forward(Tensor xs, int t, Kernels.Packed W, Tensor xh, int r0, int r1) {
        int H = Wh.dim(0);
        Steps.step(xs, t, x, r0, r1);                                                // the cache's copy of x
        Steps.sideBySide(x, hPrev, hPrevStep, xh, r0, r1);                           // [x, h_prev]
        Kernels.matmulBiasRows(xh.data, W, b.data, gates.data, r0, r1);              // A = [x, h_prev] · [Wx; Wh] + b
        Kernels.lstmForwardRows(gates.data, cPrev.data, cNext.data, hNext.data, H, r0, r1);
    }

    /** {@code c_next (N, H)} of the last forward. */
    Tensor cNext() {
        return cNext;
    }

    /** {@code dh_next}, {@code dc_next} (N, H) → {@code dx (N, D)}, {@code dh_prev}, {@code dc_prev} (N, H); fills the gradients. */
    public Gradients backward(Tensor dhNext, Tensor dcNext) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        Gradients g = new Gradients(Tensor.zeros(N, D), Tensor.zeros(N, H), Tensor.zeros(N, H));
        Tensor dA = Tensor.zeros(N, 4 * H);
        backward(gates, dhNext, dcNext, Kernels.packStackedTransposed(Wx.data, D, Wh.data, H, 4 * H, null), dA, Tensor.zeros(N, D + H), g, 0, N);
        dWx.fill(0);
        dWh.fill(0);
        db.fill(0);
        addWeightGradients(dA, 0, 4 * H);
        return g;
    }

    /** Whether the last forward kept its activated gates ({@link #gates()}), or wrote them into an array it shares (see {@link #prepare}). */
    boolean keepsGates() {
        return ownGates != null;
    }

    /** The activated gates {@code (N, 4H)} of the last forward, when the step keeps them. */
    Tensor gates() {
        return ownGates;
    }

    /**
     * Rows {@code [r0, r1)} of the activated gates computed again into {@code into (N, 4H)}, exactly as forward made
     * them, from the kept {@code x} and {@code h_prev}: for a time layer that does not keep every step's gates.
     */
    Tensor recomputeGates(Kernels.Packed W, Tensor xh, Tensor into, int r0, int r1) {
        Steps.sideBySide(x, hPrev, hPrevStep, xh, r0, r1);                           // [x, h_prev]
        Kernels.matmulBiasRows(xh.data, W, b.data, into.data, r0, r1);               // A = [x, h_prev] · [Wx; Wh] + b
        Kernels.lstmGatesRows(into.data, Wh.dim(0), r0, r1);
        return into;
    }

    /**
     * Rows {@code [r0, r1)} of the backward step from the activated {@code gates} of its forward ({@link #gates()} or
     * {@link #recomputeGates}), with what a time layer shares between its steps:
     * {@code WT = [Wx; Wh]ᵀ}, packed once for all the steps ({@link Kernels#packStackedTransposed}), a work array
     * {@code dxh (N, D + H)} and the arrays {@code into} to write the gradients to, which must not be
     * {@code dhNext} or {@code dcNext}. Writes the pre-activation gradient {@code dA (N, 4H)}, which may be
     * {@code gates} itself, for {@link #addWeightGradients}.
     */
    void backward(Tensor gates, Tensor dhNext, Tensor dcNext, Kernels.Packed WT, Tensor dA, Tensor dxh, Gradients into, int r0, int r1) {
        int H = Wh.dim(0);
        Kernels.lstmBackwardRows(gates.data, cPrev.data, cNext.data, dhNext.data, dcNext.data, dA.data, into.dcPrev().data, H, r0, r1);
        Kernels.matmulRows(dA.data, WT, dxh.data, r0, r1);                           // [dx, dh_prev] = dA · [Wx; Wh]ᵀ
        Steps.split(dxh, into.dx(), into.dhPrev(), r0, r1);
    }

    /**
     * Columns {@code [j0, j1)} of the book's weight gradients of this step, added into the owner's:
     * {@code dWx += xᵀ · dA}, {@code dWh += h_prevᵀ · dA}, {@code db += Σ_n dA}, once every row of {@code dA} is done.
     */
    void addWeightGradients(Tensor dA, int j0, int j1) {
        int D = Wx.dim(0), H = Wh.dim(0), N = x.dim(0);
        Kernels.matmulAtBAccColumns(x.data, dA.data, dWx.data, N, D, 4 * H, j0, j1);       // dWx += xᵀ · dA
        Kernels.matmulAtBAccColumns(hPrev.data, hPrevStep * H, hPrev.size() / N, dA.data, dWh.data, N, H, 4 * H, j0, j1);   // dWh += h_prevᵀ · dA
        Kernels.sumRowsAccColumns(dA.data, db.data, N, 4 * H, j0, j1);                    // db += Σ_n dA
    }
}
