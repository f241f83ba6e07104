package dl2.ch08;

import dl2.ch07.Seq2seqModel;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeLSTM;
import dl2.common.timelayers.TimeSoftmaxWithLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * Seq2seq with attention (book 8.2.3, {@code ch08/attention_seq2seq.py} {@code AttentionSeq2seq}): an
 * {@link AttentionEncoder} hands all its hidden states to an {@link AttentionDecoder}, and
 * TimeSoftmaxWithLoss scores the decoder against the answer shifted by one. Training, {@link #backward}
 * and greedy {@link #generate} are those of chapter 7's {@code Seq2seq}.
 *
 * <p>The answer {@code ts (N, T)} starts with the separator {@code _}: the decoder reads {@code ts[:, :-1]}
 * and must predict {@code ts[:, 1:]}. The attention weights of the last forward or generate are kept for
 * the heat maps of book 8.3.3 ({@link #attentionWeights()}).
 */
public final class AttentionSeq2seq implements Seq2seqModel {
    private final AttentionEncoder encoder;
    private final AttentionDecoder decoder;
    private final TimeSoftmaxWithLoss softmax = new TimeSoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /** The book's model: one LSTM layer each side, a unidirectional encoder. */
    public AttentionSeq2seq(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        this(vocabSize, wordvecSize, hiddenSize, 1, false, rng);
    }

    /**
     * A model with the book's 8.4 extensions: {@code layers} stacked LSTMs on each side (8.4.3) and a
     * bidirectional encoder (8.4.1), whose decoder then has {@code 2 · hiddenSize} units to match.
     * Parameters are initialised from {@code rng}, the encoder's first.
     */
    public AttentionSeq2seq(int vocabSize, int wordvecSize, int hiddenSize, int layers, boolean bidirectional, Rng rng) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be at least 1, got " + layers);
        }
        this.encoder = new AttentionEncoder(vocabSize, wordvecSize, hiddenSize, layers, bidirectional, rng);
        this.decoder = new AttentionDecoder(vocabSize, wordvecSize, encoder.outputSize(), layers, rng);
        params.addAll(encoder.params());
        params.addAll(decoder.params());
        grads.addAll(encoder.grads());
        grads.addAll(decoder.grads());
    }

    /**
     * Whether the LSTMs compute their gates again in backward instead of keeping them from forward
     * ({@link TimeLSTM#setRecomputeGates}): the same numbers, less memory, more arithmetic.
     */
    public void setRecomputeGates(boolean recompute) {
        encoder.setRecomputeGates(recompute);
        decoder.setRecomputeGates(recompute);
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** Mean cross-entropy of the answer characters after {@code _}; {@code xs (N, Tq)}, {@code ts (N, Ta)}. */
    @Override
    public double forward(IntTensor xs, IntTensor ts) {
        int Ta = ts.dim(1);
        IntTensor decoderXs = ts.columns(0, Ta - 1);   // ts[:, :-1]
        IntTensor decoderTs = ts.columns(1, Ta);       // ts[:, 1:]

        List<Tensor> hs = encoder.forward(xs);
        Tensor score = decoder.forward(decoderXs, hs);
        return softmax.forward(score, decoderTs);
    }

    @Override
    public void backward() {
        Tensor dout = softmax.backward();
        List<Tensor> dhs = decoder.backward(dout);
        encoder.backward(dhs);
    }

    @Override
    public IntTensor generate(IntTensor xs, int startId, int sampleSize) {
        List<Tensor> hs = encoder.forward(xs);
        return decoder.generate(hs, startId, sampleSize);
    }

    /**
     * The decoder's attention weights {@code (N, T_dec, T_enc)} of the last {@link #forward} or
     * {@link #generate} (the book's {@code decoder.attention.attention_weights}): row {@code [n, t]} is how
     * much output character {@code t} of question {@code n} looked at each input position, in the order the
     * question was fed (reversed when the input was reversed).
     */
    public Tensor attentionWeights() {
        return decoder.attentionWeights();
    }
}
