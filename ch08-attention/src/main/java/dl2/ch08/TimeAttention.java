package dl2.ch08;

import dl2.common.Parameterized;
import dl2.common.Tensor;
import dl2.common.timelayers.Slices;

import java.util.ArrayList;
import java.util.List;

/**
 * The Attention layer applied at every decoder step (book 8.1.5): one {@link Attention} per step, each
 * looking at all encoder states {@code hs_enc} with that step's decoder state. The weights of every step
 * of the last forward are kept ({@link #attentionWeights()}, the book's {@code attention_weights}). The
 * contexts and gradients it returns are arrays it owns, overwritten by the next call (see {@code Layer}).
 * Each step's {@link Attention} keeps its decoder state {@code h} by reference, as the book's cache does; the
 * steps share one {@code (N, H)} array for it, filled with {@code hs_dec[:, t, :]} before step t's forward and
 * again before its backward, instead of a copy per step ({@code hs_dec} must not change in between). Likewise the
 * steps write their context and their {@code dh} into one {@code (N, H)} array each, copied at once into the
 * {@code (N, T_dec, H)} outputs, instead of an array of their own per step.
 */
public final class TimeAttention implements Parameterized {
    /** The book's {@code (dhs_enc, dhs_dec)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhsEnc, Tensor dhsDec) {
    }

    private final List<Attention> layers = new ArrayList<>();   // one per decoder step, reused between calls
    private Tensor hStep;             // (N, H) hs_dec[:, t, :], filled before step t's forward and again before its backward
    private Tensor hsEnc;             // (N, T_enc, H)
    private Tensor hsDec;             // (N, T_dec, H)
    private Tensor attentionWeights;  // (N, T_dec, T_enc)
    private Tensor out;               // (N, T_dec, H) the contexts of the last forward
    private Tensor cStep;             // (N, H) step t's context, before it is copied into out[:, t, :]
    private Tensor doutStep;          // (N, H) dout[:, t, :], work buffer of backward
    private Tensor dhStep;            // (N, H) step t's dh, before it is copied into dhs_dec[:, t, :]
    private Tensor dhsEnc;            // (N, T_enc, H) the gradients of the last backward
    private Tensor dhsDec;            // (N, T_dec, H)

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hsEnc (N, T_enc, H)} and {@code hsDec (N, T_dec, H)} give the contexts {@code (N, T_dec, H)}. */
    public Tensor forward(Tensor hsEnc, Tensor hsDec) {
        int N = hsDec.dim(0), T = hsDec.dim(1), H = hsDec.dim(2), Tenc = hsEnc.dim(1);
        out = Tensor.reuse(out, N, T, H);
        cStep = Tensor.reuse(cStep, N, H);
        attentionWeights = Tensor.zeros(N, T, Tenc);
        while (layers.size() < T) {
            layers.add(new Attention());
        }
        for (int t = 0; t < T; t++) {
            Attention layer = layers.get(t);
            hStep = Slices.step(hsDec, t, hStep);                     // hs_dec[:, t, :]
            Tensor c = layer.forward(hsEnc, hStep, cStep);
            Slices.setStep(out, t, c);                               // out[:, t, :] = c
            Slices.setStep(attentionWeights, t, layer.attentionWeight());
        }
        this.hsEnc = hsEnc;
        this.hsDec = hsDec;
        return out;
    }

    /** {@code dout (N, T_dec, H)} gives {@code dhs_enc} (summed over the steps) and {@code dhs_dec}. */
    public Grads backward(Tensor dout) {
        int N = dout.dim(0), T = dout.dim(1), H = dout.dim(2);
        dhsDec = Tensor.reuse(dhsDec, dout.shape);
        dhStep = Tensor.reuse(dhStep, N, H);
        dhsEnc = Tensor.reuse(dhsEnc, hsEnc.shape);
        dhsEnc.fill(0);
        for (int t = 0; t < T; t++) {
            doutStep = Slices.step(dout, t, doutStep);
            Slices.step(hsDec, t, hStep);                                       // step t's h again (see forward)
            Tensor dh = layers.get(t).backward(doutStep, dhsEnc, dhStep);      // dhs_enc += dhs
            Slices.setStep(dhsDec, t, dh);                                      // dhs_dec[:, t, :] = dh
        }
        return new Grads(dhsEnc, dhsDec);
    }

    /** The weights of the last forward, {@code (N, T_dec, T_enc)}: row {@code [n, t]} is decoder step t's view of the input. */
    public Tensor attentionWeights() {
        return attentionWeights;
    }
}
