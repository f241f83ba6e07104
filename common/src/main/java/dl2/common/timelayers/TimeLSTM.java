package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * An LSTM over a whole sequence (book 6.3.3): one {@link LSTM} step per time step,
 * {@code xs (N, T, D)} → {@code hs (N, T, H)}; weights {@code Wx (D, 4H)}, {@code Wh (H, 4H)}, {@code b (4H)}
 * with gate blocks f, g, i, o.
 *
 * <p>{@code stateful}: the last hidden and cell states of one forward call are the first of the next
 * ({@link #resetState()} starts again from zeros); otherwise every call starts from zeros. {@link #backward}
 * sums the parameter gradients over the steps and keeps the gradient of the first hidden state as
 * {@link #dh()} (the book's {@code self.dh}, which the seq2seq decoder hands back to its encoder).
 *
 * <p>The batch rows of a sequence are independent of each other until the weight gradients, so each thread takes
 * its own rows through all the steps ({@link Kernels#parallelRows}) and the threads meet once per sequence, not at
 * every product. Backward then sums the weight gradients over the steps, from the last as the book does, split by
 * columns ({@link Kernels#parallelColumns}); it keeps the {@code dA} of at most a few MB of steps at a time, so long
 * sequences go in chunks. Every number is the same as when the steps run one by one, on any number of threads.
 * To save memory, backward can compute each step's gates again instead of keeping them ({@link #setRecomputeGates}).
 *
 * <p>{@code forward} and {@code backward} return arrays the layer owns, which the next call overwrites (see
 * {@link Layer}). The outputs {@code hs} are also the steps' {@code h_prev} that backward reads ({@code hs[:, t - 1, :]}
 * for step {@code t}, instead of a second copy of every {@code h_next}), so a caller must not change them in place
 * before backward: copy them first.
 */
public final class TimeLSTM implements Layer {
    /**
     * How many doubles of {@code dA (N, 4H)} backward keeps at most (2 MB): the steps' rows are computed for a
     * chunk of steps, then the weight gradients of that chunk, whose products need every row of its {@code dA}.
     */
    private static final long DA_BUDGET = 1L << 18;
    private final Tensor Wx;   // (D, 4H)
    private final Tensor Wh;   // (H, 4H)
    private final Tensor b;    // (4H)
    private final Tensor dWx;
    private final Tensor dWh;
    private final Tensor db;
    private final boolean stateful;
    private final List<LSTM> layers = new ArrayList<>();  // one step per t, reused between calls
    private Tensor h;          // (N, H) the last hidden state
    private Tensor c;          // (N, H) the last cell state
    private Tensor h0;         // (N, H) the first hidden and cell states, copied so that the steps may overwrite h, c
    private Tensor c0;
    private Tensor hNext;      // (N, H) where each step writes its h_next before it is copied into hs; the last one stays
    private boolean recomputeGates;  // false: the book's cache, each step keeps its gates; true: backward computes them again
    private Tensor sharedGates;      // (N, 4H) the steps' gates in forward when they do not keep them
    private Kernels.Packed packed;   // [Wx; Wh] packed for the steps' forward products, then [Wx; Wh]ᵀ for backward in the
    private Kernels.Packed packedT;  // same array, unless backward computes the gates again: then [Wx; Wh]ᵀ is here
    private Tensor hs;         // (N, T, H) the outputs of the last forward, overwritten by the next one
    private Tensor dxs;        // (N, T, D) the input gradient of the last backward, overwritten by the next one
    private Tensor xh;         // (N, D + H) [x, h_prev], work buffer of the steps' forward
    private Tensor dhStep;     // (N, H) dhs[:, t, :] + dh_next, work buffers of backward shared by the steps (each thread its rows)
    private Tensor dhLast;     // (N, H) zeros: the gradients arriving from after the last step
    private Tensor dcLast;
    private Tensor dxh;        // (N, D + H)
    private final List<Tensor> dAs = new ArrayList<>();   // (N, 4H) the dA of the steps of one chunk
    private final LSTM.Gradients[] stepGrads = new LSTM.Gradients[2];  // written by the steps in turn
    private Tensor dh;         // (N, H) the gradient of the first hidden state

    public TimeLSTM(Tensor Wx, Tensor Wh, Tensor b, boolean stateful) {
        this.Wx = Wx;
        this.Wh = Wh;
        this.b = b;
        this.dWx = Tensor.zerosLike(Wx);
        this.dWh = Tensor.zerosLike(Wh);
        this.db = Tensor.zerosLike(b);
        this.stateful = stateful;
    }

    /** Not stateful, as the book's default. */
    public TimeLSTM(Tensor Wx, Tensor Wh, Tensor b) {
        this(Wx, Wh, b, false);
    }

    @Override
    public List<Tensor> params() {
        return List.of(Wx, Wh, b);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dWx, dWh, db);
    }

    @Override
    public Tensor forward(Tensor xs) {
        int D = Wx.dim(0), H = Wh.dim(0);
        Steps.requireSequence("TimeLSTM", xs, D);
        int N = xs.dim(0), T = xs.dim(1);
        hs = Tensor.reuse(hs, N, T, H);
        h0 = Tensor.reuse(h0, N, H);
        c0 = Tensor.reuse(c0, N, H);
        startFrom(stateful ? h : null, h0, N);
        startFrom(stateful ? c : null, c0, N);
        h = h0;
        c = c0;
        while (layers.size() < T) {
            layers.add(LSTM.stepOf(this));
        }
        sharedGates = recomputeGates ? Tensor.reuse(sharedGates, N, 4 * H) : null;
        hNext = Tensor.reuse(hNext, N, H);
        for (int t = 0; t < T; t++) {                 // each step's h_prev, c_prev are the previous step's outputs: hs[:, t - 1, :]
            layers.get(t).prepare(t == 0 ? h0 : hs, Math.max(0, t - 1), c, N, sharedGates, hNext);
            c = layers.get(t).cNext();
        }
        if (T > 0) {
            h = hNext;                                // the last step's h_next, after the rows below
        }
        packed = Kernels.packStacked(Wx.data, D, Wh.data, H, 4 * H, packed);   // [Wx; Wh], once for all the steps
        xh = Tensor.reuse(xh, N, D + H);
        Kernels.parallelRows(N, (long) N * T * (D + H) * 4 * H, (r0, r1) -> {   // each thread: its rows, every step
            for (int t = 0; t < T; t++) {
                LSTM step = layers.get(t);
                step.forward(xs, t, packed, xh, r0, r1);
                Steps.setStep(hs, t, hNext, r0, r1);                             // hs[:, t, :] = h_next
            }
        });
        return hs;
    }

    @Override
    public Tensor backward(Tensor dhs) {
        int D = Wx.dim(0), N = dhs.dim(0), T = dhs.dim(1), H = dhs.dim(2);
        dxs = Tensor.reuse(dxs, N, T, D);
        dhLast = Tensor.reuse(dhLast, N, H);
        dcLast = Tensor.reuse(dcLast, N, H);
        dhStep = Tensor.reuse(dhStep, N, H);
        for (int i = 0; i < 2; i++) {
            LSTM.Gradients g = stepGrads[i];
            stepGrads[i] = new LSTM.Gradients(Tensor.reuse(g == null ? null : g.dx(), N, D),
                    Tensor.reuse(g == null ? null : g.dhPrev(), N, H), Tensor.reuse(g == null ? null : g.dcPrev(), N, H));
        }
        dxh = Tensor.reuse(dxh, N, D + H);
        // [Wx; Wh]ᵀ, once for all the steps: over forward's packing, which is done with, unless backward computes the
        // gates again with it (as the last forward was made); then in an array of its own
        boolean recompute = T > 0 && !layers.get(0).keepsGates();
        if (recompute) {
            packedT = Kernels.packStackedTransposed(Wx.data, D, Wh.data, H, 4 * H, packedT);
        } else {
            packed = Kernels.packStackedTransposed(Wx.data, D, Wh.data, H, 4 * H, packed);
            packedT = null;
        }
        Kernels.Packed WT = recompute ? packedT : packed;
        int chunk = (int) Math.max(1, Math.min(T, DA_BUDGET / ((long) N * 4 * H)));
        while (dAs.size() < chunk) {
            dAs.add(null);
        }
        for (int i = 0; i < chunk; i++) {
            dAs.set(i, Tensor.reuse(dAs.get(i), N, 4 * H));
        }
        dWx.fill(0);
        dWh.fill(0);
        db.fill(0);
        for (int last = T - 1; last >= 0; last -= chunk) {    // the steps from the last, a chunk of them at a time
            int top = last, bottom = Math.max(0, last - chunk + 1);
            Kernels.parallelRows(N, (long) N * (top - bottom + 1) * (D + H) * 4 * H, (r0, r1) -> {
                Tensor dhNext = top == T - 1 ? dhLast : stepGrads[(top + 1) % 2].dhPrev();   // each thread: its rows
                Tensor dcNext = top == T - 1 ? dcLast : stepGrads[(top + 1) % 2].dcPrev();
                for (int t = top; t >= bottom; t--) {
                    Steps.atPlus(dhs, t, dhNext, dhStep, r0, r1);                             // dhs[:, t, :] + dh
                    LSTM.Gradients g = stepGrads[t % 2];
                    LSTM step = layers.get(t);
                    Tensor dA = dAs.get(top - t);
                    Tensor gates = recompute ? step.recomputeGates(packed, xh, dA, r0, r1) : step.gates();   // dA written over them
                    step.backward(gates, dhStep, dcNext, WT, dA, dxh, g, r0, r1);
                    Steps.setStep(dxs, t, g.dx(), r0, r1);
                    dhNext = g.dhPrev();
                    dcNext = g.dcPrev();
                }
            });
            Kernels.parallelColumns(4 * H, (long) N * (top - bottom + 1) * (D + H) * 4 * H, (j0, j1) -> {
                for (int t = top; t >= bottom; t--) {         // the weight gradients, summed from the last step as the book does
                    layers.get(t).addWeightGradients(dAs.get(top - t), j0, j1);
                }
            });
        }
        this.dh = T == 0 ? dhLast : stepGrads[0].dhPrev();
        return dxs;
    }

    /**
     * Whether backward computes each step's gates again instead of keeping them from forward, from the next forward
     * on. The book's cache keeps them (false, the default): {@code (N, 4H)} values a step, 1 MB at chapter 8's sizes
     * (batch 128, hidden 256), most of what an LSTM holds between forward and backward. With true the steps keep only
     * {@code x}, {@code h_prev}, {@code c_prev} and {@code c_next}, and backward makes each step's product
     * {@code [x, h_prev] · [Wx; Wh] + b} and its activations once more, with the same kernels, so every gradient is
     * the same number: a third more arithmetic for the memory of one step's gates instead of {@code T}.
     */
    public void setRecomputeGates(boolean recompute) {
        this.recomputeGates = recompute;
    }

    /** Whether backward computes the gates again (see {@link #setRecomputeGates}). */
    public boolean recomputesGates() {
        return recomputeGates;
    }

    /** Copies the carried state {@code from} into {@code into (N, H)}, or zeros when there is none. */
    private static void startFrom(Tensor from, Tensor into, int N) {
        if (from == null) {
            into.fill(0);
            return;
        }
        Steps.requireBatch("TimeLSTM", from, N);
        System.arraycopy(from.data, 0, into.data, 0, into.data.length);
    }

    /** The hidden state the next forward call starts from, with a zero cell state (the book's {@code set_state(h)}). */
    public void setState(Tensor h) {
        setState(h, null);
    }

    /** The hidden and cell states the next forward call starts from; a null {@code c} means zeros. */
    public void setState(Tensor h, Tensor c) {
        if (!stateful) {
            throw new IllegalStateException("setState has no effect on a TimeLSTM that is not stateful; construct it with stateful = true");
        }
        this.h = h;
        this.c = c;
    }

    /** Forgets the carried states: the next forward starts from zeros. */
    public void resetState() {
        this.h = null;
        this.c = null;
    }

    /** The last hidden state {@code (N, H)} of the last forward call, or the one {@link #setState} gave; null after a reset. */
    public Tensor h() {
        return h;
    }

    /** The last cell state {@code (N, H)} of the last forward call, or the one {@link #setState} gave; null after a reset. */
    public Tensor c() {
        return c;
    }

    /** The gradient of the loss with respect to the first hidden state {@code (N, H)}, after {@link #backward} (until the next one). */
    public Tensor dh() {
        return dh;
    }

    public boolean stateful() {
        return stateful;
    }
}
