package dl2.ch08;

import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * The Attention layer for one decoder step (book 8.1.5, "Decoder improvement ③"): {@link AttentionWeight}
 * turns the decoder state {@code h} and the encoder states {@code hs} into weights {@code a}, and
 * {@link WeightSum} turns {@code a} and {@code hs} into the context vector. The weights of the last
 * forward stay available for the heat maps ({@link #attentionWeight()}).
 */
public final class Attention implements Parameterized {
    /** The book's {@code (dhs, dh)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhs, Tensor dh) {
    }

    private final AttentionWeight attentionWeightLayer = new AttentionWeight();
    private final WeightSum weightSumLayer = new WeightSum();
    private Tensor attentionWeight;  // (N, T)

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hs (N, T, H)} and {@code h (N, H)} give the context vector {@code (N, H)}. */
    public Tensor forward(Tensor hs, Tensor h) {
        Tensor a = attentionWeightLayer.forward(hs, h);
        Tensor out = weightSumLayer.forward(hs, a);
        attentionWeight = a;
        return out;
    }

    /** {@code dout (N, H)} gives {@code dhs (N, T, H)} (both paths added) and {@code dh (N, H)}. */
    public Grads backward(Tensor dout) {
        WeightSum.Grads ws = weightSumLayer.backward(dout);
        AttentionWeight.Grads aw = attentionWeightLayer.backward(ws.da());
        Tensor dhs = ws.dhs();
        Slices.addInto(dhs, aw.dhs());  // dhs = dhs0 + dhs1
        return new Grads(dhs, aw.dh());
    }

    /** The weights {@code a (N, T)} of the last forward. */
    public Tensor attentionWeight() {
        return attentionWeight;
    }
}
