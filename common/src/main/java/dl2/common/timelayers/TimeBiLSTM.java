package dl2.common.timelayers;

import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A bidirectional LSTM (TimeBiLSTM in the book's common/time_layers.py): one {@link TimeLSTM} reads the
 * sequence forwards, a second one reads it reversed, and their hidden states at each position are merged,
 * by concatenation {@code (N, T, 2H)} (the book's choice, forward states first) or by sum {@code (N, T, H)}.
 * Both LSTMs start from zero states at every call.
 */
public final class TimeBiLSTM implements Layer {
    /** How the two directions' hidden states are combined. */
    public enum Merge {
        /** {@code [h_forward, h_backward]}: {@code (N, T, 2H)}. */
        CONCAT,
        /** {@code h_forward + h_backward}: {@code (N, T, H)}. */
        SUM
    }

    private final TimeLSTM forwardLstm;
    private final TimeLSTM backwardLstm;
    private final Merge merge;
    private final List<Tensor> params;
    private final List<Tensor> grads;

    /** Weights of the forward LSTM ({@code Wx1, Wh1, b1}) and of the backward one ({@code Wx2, Wh2, b2}), same shapes. */
    public TimeBiLSTM(Tensor Wx1, Tensor Wh1, Tensor b1, Tensor Wx2, Tensor Wh2, Tensor b2, Merge merge) {
        if (!Wx1.sameShape(Wx2) || !Wh1.sameShape(Wh2) || !b1.sameShape(b2)) {
            throw new IllegalArgumentException("the two directions of TimeBiLSTM need weights of the same shapes");
        }
        this.forwardLstm = new TimeLSTM(Wx1, Wh1, b1, false);
        this.backwardLstm = new TimeLSTM(Wx2, Wh2, b2, false);
        this.merge = merge;
        this.params = concat(forwardLstm.params(), backwardLstm.params());
        this.grads = concat(forwardLstm.grads(), backwardLstm.grads());
    }

    /** Merged by concatenation, as the book. */
    public TimeBiLSTM(Tensor Wx1, Tensor Wh1, Tensor b1, Tensor Wx2, Tensor Wh2, Tensor b2) {
        this(Wx1, Wh1, b1, Wx2, Wh2, b2, Merge.CONCAT);
    }

    /** The forward LSTM's params then the backward one's: {@code [Wx1, Wh1, b1, Wx2, Wh2, b2]}. */
    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** {@link TimeLSTM#setRecomputeGates} for both directions. */
    public void setRecomputeGates(boolean recompute) {
        forwardLstm.setRecomputeGates(recompute);
        backwardLstm.setRecomputeGates(recompute);
    }

    public Merge merge() {
        return merge;
    }

    private static List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** {@code xs (N, T, D)} → {@code (N, T, 2H)} (CONCAT) or {@code (N, T, H)} (SUM). */
    @Override
    public Tensor forward(Tensor xs) {
        Tensor o1 = forwardLstm.forward(xs);                             // (N, T, H)
        Tensor o2 = Steps.reversed(backwardLstm.forward(Steps.reversed(xs)));  // (N, T, H), back in reading order
        int N = o1.dim(0), T = o1.dim(1), H = o1.dim(2);
        if (merge == Merge.SUM) {                                        // into an array of its own: o1 is also the
            Tensor sum = Tensor.zeros(N, T, H);                          // forward LSTM's h_prev for backward
            for (int i = 0; i < sum.data.length; i++) {
                sum.data[i] = o1.data[i] + o2.data[i];
            }
            return sum;
        }
        Tensor out = Tensor.zeros(N, T, 2 * H);
        for (int r = 0; r < N * T; r++) {
            System.arraycopy(o1.data, r * H, out.data, r * 2 * H, H);
            System.arraycopy(o2.data, r * H, out.data, r * 2 * H + H, H);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dhs) {
        Tensor do1;
        Tensor do2;
        if (merge == Merge.SUM) {
            do1 = dhs;
            do2 = dhs;
        } else {
            int N = dhs.dim(0), T = dhs.dim(1), H = dhs.dim(2) / 2;
            do1 = Tensor.zeros(N, T, H);
            do2 = Tensor.zeros(N, T, H);
            for (int r = 0; r < N * T; r++) {
                System.arraycopy(dhs.data, r * 2 * H, do1.data, r * H, H);
                System.arraycopy(dhs.data, r * 2 * H + H, do2.data, r * H, H);
            }
        }
        Tensor dxs = forwardLstm.backward(do1);
        Tensor dxs2 = Steps.reversed(backwardLstm.backward(Steps.reversed(do2)));
        for (int i = 0; i < dxs.data.length; i++) {
            dxs.data[i] += dxs2.data[i];
        }
        return dxs;
    }
}
