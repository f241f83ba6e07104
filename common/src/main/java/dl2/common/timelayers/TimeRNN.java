package dl2.common.timelayers;

import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple RNN over a whole sequence (book 5.3.2): one {@link RNN} step per time step,
 * {@code xs (N, T, D)} → {@code hs (N, T, H)}.
 *
 * <p>{@code stateful}: the last hidden state of one forward call is the first hidden state of the next
 * (truncated BPTT carries it across blocks; {@link #resetState()} starts again from zeros). Otherwise every
 * call starts from zeros. {@link #backward} sums the parameter gradients over the steps and keeps the
 * gradient of the first hidden state as {@link #dh()} (the book's {@code self.dh}).
 */
public final class TimeRNN implements Layer {
    private final Tensor Wx;   // (D, H)
    private final Tensor Wh;   // (H, H)
    private final Tensor b;    // (H)
    private final Tensor dWx;
    private final Tensor dWh;
    private final Tensor db;
    private final boolean stateful;
    private final List<RNN> layers = new ArrayList<>();  // one step per t, reused between calls
    private Tensor h;          // (N, H) the last hidden state
    private Tensor dh;         // (N, H) the gradient of the first hidden state

    public TimeRNN(Tensor Wx, Tensor Wh, Tensor b, boolean stateful) {
        this.Wx = Wx;
        this.Wh = Wh;
        this.b = b;
        this.dWx = Tensor.zerosLike(Wx);
        this.dWh = Tensor.zerosLike(Wh);
        this.db = Tensor.zerosLike(b);
        this.stateful = stateful;
    }

    /** Not stateful, as the book's default. */
    public TimeRNN(Tensor Wx, Tensor Wh, Tensor b) {
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
        int D = Wx.dim(0), H = Wx.dim(1);
        Steps.requireSequence("TimeRNN", xs, D);
        int N = xs.dim(0), T = xs.dim(1);
        Tensor hs = Tensor.zeros(N, T, H);
        if (!stateful || h == null) {
            h = Tensor.zeros(N, H);
        }
        Steps.requireBatch("TimeRNN", h, N);
        while (layers.size() < T) {
            layers.add(RNN.stepOf(this));
        }
        for (int t = 0; t < T; t++) {
            h = layers.get(t).forward(Slices.step(xs, t), h);
            Slices.setStep(hs, t, h);                                 // hs[:, t, :] = h
        }
        return hs;
    }

    @Override
    public Tensor backward(Tensor dhs) {
        int D = Wx.dim(0), N = dhs.dim(0), T = dhs.dim(1), H = dhs.dim(2);
        Tensor dxs = Tensor.zeros(N, T, D);
        dWx.fill(0);
        dWh.fill(0);
        db.fill(0);
        Tensor dhPrev = Tensor.zeros(N, H);
        for (int t = T - 1; t >= 0; t--) {
            RNN.Gradients g = layers.get(t).backward(Steps.atPlus(dhs, t, dhPrev));  // dhs[:, t, :] + dh
            Slices.setStep(dxs, t, g.dx());
            dhPrev = g.dhPrev();
        }
        this.dh = dhPrev;
        return dxs;
    }

    /** The hidden state the next forward call starts from (only a stateful layer may be given one). */
    public void setState(Tensor h) {
        if (!stateful) {
            throw new IllegalStateException("setState has no effect on a TimeRNN that is not stateful; construct it with stateful = true");
        }
        this.h = h;
    }

    /** Forgets the carried hidden state: the next forward starts from zeros. */
    public void resetState() {
        this.h = null;
    }

    /** The last hidden state of the last forward call {@code (N, H)}, or whatever {@link #setState} gave; null after a reset. */
    public Tensor state() {
        return h;
    }

    /** The gradient of the loss with respect to the first hidden state {@code (N, H)}, after {@link #backward}. */
    public Tensor dh() {
        return dh;
    }

    public boolean stateful() {
        return stateful;
    }
}
