package dl2.ch05;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeAffine;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeRNN;
import dl2.common.timelayers.TimeSoftmaxWithLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * The first RNN language model (book 5.5.1, {@code ch05/simple_rnnlm.py}):
 * <pre>
 *   word ids (N, T) → TimeEmbedding → (N, T, D) → TimeRNN (stateful) → (N, T, H)
 *                   → TimeAffine → (N, T, V) → TimeSoftmaxWithLoss ← next word ids (N, T)
 * </pre>
 * Initialised as the book does: embedding {@code randn / 100}, RNN weights {@code randn / √fan_in}
 * (Xavier: {@code Wx / √D}, {@code Wh / √H}), Affine {@code randn / √H}, biases zero.
 * The RNN is stateful: truncated BPTT carries the hidden state from one block of T words to the next
 * until {@link #resetState()}.
 */
public final class SimpleRnnlm implements LanguageModel {
    private final TimeEmbedding embed;
    private final TimeRNN rnn;
    private final TimeAffine affine;
    private final TimeSoftmaxWithLoss lossLayer = new TimeSoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /** A model for {@code vocabSize} words (V), word vectors of {@code wordvecSize} (D), {@code hiddenSize} hidden units (H). */
    public SimpleRnnlm(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        this.embed = new TimeEmbedding(Tensor.randn(rng, 1.0 / 100, V, D));
        this.rnn = new TimeRNN(Tensor.randn(rng, 1 / Math.sqrt(D), D, H),
                Tensor.randn(rng, 1 / Math.sqrt(H), H, H),
                Tensor.zeros(H), true);
        this.affine = new TimeAffine(Tensor.randn(rng, 1 / Math.sqrt(H), H, V), Tensor.zeros(V));
        for (var layer : List.of(embed, rnn, affine)) {
            params.addAll(layer.params());
            grads.addAll(layer.grads());
        }
    }

    /** Embedding W, RNN Wx, Wh, b, Affine W, b: the book's order. */
    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** Mean cross-entropy of predicting {@code ts (N, T)}, the word after each of {@code xs (N, T)}. */
    @Override
    public double forward(IntTensor xs, IntTensor ts) {
        Tensor x = embed.forward(xs);     // (N, T, D)
        Tensor hs = rnn.forward(x);       // (N, T, H)
        Tensor scores = affine.forward(hs);  // (N, T, V)
        return lossLayer.forward(scores, ts);
    }

    @Override
    public void backward() {
        Tensor dscores = lossLayer.backward();  // (N, T, V)
        Tensor dhs = affine.backward(dscores);  // (N, T, H)
        Tensor dx = rnn.backward(dhs);          // (N, T, D)
        embed.backward(dx);
    }

    @Override
    public void resetState() {
        rnn.resetState();
    }
}
