package dl2.ch06;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeAffine;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;
import dl2.common.timelayers.TimeSoftmaxWithLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LSTM language model of book 6.4 ({@code ch06/rnnlm.py}): TimeEmbedding → TimeLSTM (stateful) →
 * TimeAffine → TimeSoftmaxWithLoss. The hidden state carries over from one batch to the next until
 * {@link #resetState()} (truncated BPTT).
 */
public final class Rnnlm implements RnnlmModel {
    private final int vocabSize;
    private final int wordvecSize;
    private final int hiddenSize;
    private final TimeEmbedding embed;
    private final TimeLSTM lstm;
    private final TimeAffine affine;
    private final TimeSoftmaxWithLoss lossLayer = new TimeSoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx = randn(D, 4H) / √D},
     * {@code Wh = randn(H, 4H) / √H}, output {@code W = randn(H, V) / √H}, biases zero.
     */
    public Rnnlm(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        this.vocabSize = V;
        this.wordvecSize = D;
        this.hiddenSize = H;
        Tensor embedW = Tensor.randn(rng, 1.0 / 100, V, D);
        Tensor lstmWx = Tensor.randn(rng, 1.0 / Math.sqrt(D), D, 4 * H);
        Tensor lstmWh = Tensor.randn(rng, 1.0 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB = Tensor.zeros(4 * H);
        Tensor affineW = Tensor.randn(rng, 1.0 / Math.sqrt(H), H, V);
        Tensor affineB = Tensor.zeros(V);

        this.embed = new TimeEmbedding(embedW);
        this.lstm = new TimeLSTM(lstmWx, lstmWh, lstmB, true);
        this.affine = new TimeAffine(affineW, affineB);
        for (var layer : List.of(embed, lstm, affine)) {
            params.addAll(layer.params());
            grads.addAll(layer.grads());
        }
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    @Override
    public Tensor predict(IntTensor xs) {
        Tensor x = embed.forward(xs);   // (N, T, D)
        Tensor hs = lstm.forward(x);    // (N, T, H)
        return affine.forward(hs);      // (N, T, V)
    }

    @Override
    public double forward(IntTensor xs, IntTensor ts) {
        return lossLayer.forward(predict(xs), ts);
    }

    @Override
    public void backward() {
        Tensor dout = lossLayer.backward();   // (N, T, V)
        dout = affine.backward(dout);         // (N, T, H)
        dout = lstm.backward(dout);           // (N, T, D)
        embed.backward(dout);
    }

    @Override
    public void resetState() {
        lstm.resetState();
    }

    /** Rnnlm has no dropout: both modes compute the same. */
    @Override
    public void setTraining(boolean training) {
        // nothing to switch
    }

    @Override
    public RnnlmKind kind() {
        return RnnlmKind.RNNLM;
    }

    @Override
    public Map<String, String> sizes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VOCAB_SIZE, Integer.toString(vocabSize));
        m.put(WORDVEC_SIZE, Integer.toString(wordvecSize));
        m.put(HIDDEN_SIZE, Integer.toString(hiddenSize));
        return m;
    }

    /** The LSTM layer, whose state text generation reads and sets (book 7.1). */
    public TimeLSTM lstm() {
        return lstm;
    }
}
