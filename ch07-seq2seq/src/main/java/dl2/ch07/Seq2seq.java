package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeSoftmaxWithLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence to sequence (book 7.2.4; {@code ch07/seq2seq.py} {@code Seq2seq}): an
 * {@link Encoder} turns the question into a vector {@code h}, a decoder writes the answer from it, and
 * TimeSoftmaxWithLoss scores the decoder against the answer shifted by one.
 *
 * <p>The answer {@code ts} (N, T) starts with the separator {@code _}: the decoder reads {@code ts[:, :-1]}
 * and must predict {@code ts[:, 1:]}. Chapter 7's {@link PeekySeq2seq} and chapter 8's attention model
 * reuse forward, backward and generate by passing their own encoder and decoder to
 * {@link #Seq2seq(Encoder, Seq2seqDecoder)}.
 */
public class Seq2seq implements Seq2seqModel {
    protected final Encoder encoder;
    protected final Seq2seqDecoder decoder;
    protected final TimeSoftmaxWithLoss softmax = new TimeSoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /** The book's model: {@link Encoder} and {@link Decoder}, initialised in that order from {@code rng}. */
    public Seq2seq(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        this(new Encoder(vocabSize, wordvecSize, hiddenSize, rng), new Decoder(vocabSize, wordvecSize, hiddenSize, rng));
    }

    /** A model of the given parts; parameters are the encoder's, then the decoder's. */
    protected Seq2seq(Encoder encoder, Seq2seqDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        params.addAll(encoder.params());
        params.addAll(decoder.params());
        grads.addAll(encoder.grads());
        grads.addAll(decoder.grads());
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** Mean cross-entropy of the answer characters after {@code _}; {@code xs} (N, Tq), {@code ts} (N, Ta). */
    @Override
    public double forward(IntTensor xs, IntTensor ts) {
        int Ta = ts.dim(1);
        IntTensor decoderXs = ts.columns(0, Ta - 1);   // ts[:, :-1]
        IntTensor decoderTs = ts.columns(1, Ta);       // ts[:, 1:]

        Tensor h = encoder.forward(xs);
        Tensor score = decoder.forward(decoderXs, h);
        return softmax.forward(score, decoderTs);
    }

    @Override
    public void backward() {
        Tensor dout = softmax.backward();
        Tensor dh = decoder.backward(dout);
        encoder.backward(dh);
    }

    @Override
    public IntTensor generate(IntTensor xs, int startId, int sampleSize) {
        Tensor h = encoder.forward(xs);
        return decoder.generate(h, startId, sampleSize);
    }
}
