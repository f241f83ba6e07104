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
        attentionWeight = a;
        return weightSumLayer.forward(hs, a);
    }

    /** {@link #forward(Tensor, Tensor)} that writes the context into {@code into (N, H)} and returns it (see {@link WeightSum#forward(Tensor, Tensor, Tensor)}). */
    public Tensor forward(Tensor hs, Tensor h, Tensor into) {
        Tensor a = attentionWeightLayer.forward(hs, h);
        attentionWeight = a;
        return weightSumLayer.forward(hs, a, into);
    }

    /** {@code dout (N, H)} gives {@code dhs (N, T, H)} (both paths added) and {@code dh (N, H)}. */
    public Grads backward(Tensor dout) {
        Tensor dhs = Tensor.zerosLike(attentionWeightLayer.hs());
        Tensor dh = backward(dout, dhs);
        return new Grads(dhs, dh);
    }

    /**
     * {@link #backward(Tensor)} that adds {@code dhs} (both paths) into {@code dhsSum (N, T, H)} and returns
     * {@code dh (N, H)}: how {@link TimeAttention} sums the gradients of every decoder step into one array.
     */
    public Tensor backward(Tensor dout, Tensor dhsSum) {
        Tensor da = weightSumLayer.backward(dout, dhsSum);      // dhs0 into the sum
        return attentionWeightLayer.backward(da, dhsSum);       // dhs1 into the sum
    }

    /** {@link #backward(Tensor, Tensor)} that writes {@code dh} into {@code dhInto (N, H)} and returns it. */
    public Tensor backward(Tensor dout, Tensor dhsSum, Tensor dhInto) {
        Tensor da = weightSumLayer.backward(dout, dhsSum);      // dhs0 into the sum
        return attentionWeightLayer.backward(da, dhsSum, dhInto);   // dhs1 into the sum
    }

    /** The weights {@code a (N, T)} of the last forward. */
    public Tensor attentionWeight() {
        return attentionWeight;
    }
}
