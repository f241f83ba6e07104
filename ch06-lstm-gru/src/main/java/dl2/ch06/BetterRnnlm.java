package dl2.ch06;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeAffine;
import dl2.common.timelayers.TimeDropout;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;
import dl2.common.timelayers.TimeSoftmaxWithLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The improved language model of book 6.5 ({@code ch06/better_rnnlm.py}): two stacked LSTM layers
 * (6.5.1), dropout between the layers (6.5.2) and weight tying (6.5.3):
 * <pre>
 * TimeEmbedding → TimeDropout → TimeLSTM → TimeDropout → TimeLSTM → TimeDropout → TimeAffine(Wᵀ) → TimeSoftmaxWithLoss
 * </pre>
 * The output layer uses the embedding matrix {@code W (V, D)} itself, transposed, so {@link #params()} holds
 * that tensor twice (first and second to last); {@code Util.removeDuplicate} adds its two gradients before
 * an update. Tying needs {@code D = H}.
 */
public final class BetterRnnlm implements RnnlmModel {
    /** The book's dropout ratio. */
    public static final double DROPOUT = 0.5;
    /** Metadata key of the dropout ratio. */
    public static final String DROPOUT_KEY = "dropout";

    private final int vocabSize;
    private final int wordvecSize;
    private final int hiddenSize;
    private final double dropoutRatio;
    private final TimeEmbedding embed;
    private final List<TimeDropout> dropouts = new ArrayList<>();
    private final List<TimeLSTM> lstms = new ArrayList<>();
    private final TimeAffine affine;
    private final TimeSoftmaxWithLoss lossLayer = new TimeSoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100} (also the output weight), each LSTM
     * {@code Wx = randn(in, 4H) / √in}, {@code Wh = randn(H, 4H) / √H}, biases zero.
     *
     * @param dropoutRatio probability of dropping each element, 0 ≤ ratio < 1
     * @param rng          draws the initial weights, then the dropout masks while training
     */
    public BetterRnnlm(int vocabSize, int wordvecSize, int hiddenSize, double dropoutRatio, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        if (D != H) {
            throw new IllegalArgumentException("weight tying needs wordvec size = hidden size, got D = " + D + ", H = " + H);
        }
        this.vocabSize = V;
        this.wordvecSize = D;
        this.hiddenSize = H;
        this.dropoutRatio = dropoutRatio;
        Tensor embedW = Tensor.randn(rng, 1.0 / 100, V, D);
        Tensor lstmWx1 = Tensor.randn(rng, 1.0 / Math.sqrt(D), D, 4 * H);
        Tensor lstmWh1 = Tensor.randn(rng, 1.0 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB1 = Tensor.zeros(4 * H);
        Tensor lstmWx2 = Tensor.randn(rng, 1.0 / Math.sqrt(H), H, 4 * H);
        Tensor lstmWh2 = Tensor.randn(rng, 1.0 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB2 = Tensor.zeros(4 * H);
        Tensor affineB = Tensor.zeros(V);

        this.embed = new TimeEmbedding(embedW);
        for (int i = 0; i < 3; i++) {
            dropouts.add(new TimeDropout(dropoutRatio, rng));
        }
        lstms.add(new TimeLSTM(lstmWx1, lstmWh1, lstmB1, true));
        lstms.add(new TimeLSTM(lstmWx2, lstmWh2, lstmB2, true));
        this.affine = TimeAffine.tied(embedW, affineB);   // weight tying
        for (var layer : List.of(embed, lstms.get(0), lstms.get(1), affine)) {
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
        Tensor x = embed.forward(xs);       // (N, T, D)
        x = dropouts.get(0).forward(x);
        x = lstms.get(0).forward(x);        // (N, T, H)
        x = dropouts.get(1).forward(x);
        x = lstms.get(1).forward(x);        // (N, T, H)
        x = dropouts.get(2).forward(x);
        return affine.forward(x);           // (N, T, V)
    }

    @Override
    public double forward(IntTensor xs, IntTensor ts) {
        return lossLayer.forward(predict(xs), ts);
    }

    @Override
    public void backward() {
        Tensor dout = lossLayer.backward();     // (N, T, V)
        dout = affine.backward(dout);           // (N, T, H)
        dout = dropouts.get(2).backward(dout);
        dout = lstms.get(1).backward(dout);
        dout = dropouts.get(1).backward(dout);
        dout = lstms.get(0).backward(dout);
        dout = dropouts.get(0).backward(dout);  // (N, T, D)
        embed.backward(dout);
    }

    @Override
    public void resetState() {
        for (TimeLSTM lstm : lstms) {
            lstm.resetState();
        }
    }

    @Override
    public void setTraining(boolean training) {
        for (TimeDropout d : dropouts) {
            d.setTraining(training);
        }
    }

    /** Keeps each dropout layer's current mask (drawn at the next forward if none yet), so that the model is a fixed function for a gradient check. */
    public void freezeDropoutMasks(boolean frozen) {
        for (TimeDropout d : dropouts) {
            d.freezeMask(frozen);
        }
    }

    @Override
    public RnnlmKind kind() {
        return RnnlmKind.BETTER;
    }

    @Override
    public Map<String, String> sizes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VOCAB_SIZE, Integer.toString(vocabSize));
        m.put(WORDVEC_SIZE, Integer.toString(wordvecSize));
        m.put(HIDDEN_SIZE, Integer.toString(hiddenSize));
        m.put(DROPOUT_KEY, Double.toString(dropoutRatio));
        return m;
    }

    /** The two LSTM layers, lower first, whose states text generation reads and sets (book 7.1). */
    public List<TimeLSTM> lstms() {
        return List.copyOf(lstms);
    }
}
