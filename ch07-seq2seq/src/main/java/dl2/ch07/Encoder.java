package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.Slices;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;

import java.util.ArrayList;
import java.util.List;

/**
 * The seq2seq encoder (book 7.2.2; {@code ch07/seq2seq.py} {@code Encoder}):
 * TimeEmbedding → TimeLSTM over the question, and the LSTM's last hidden state {@code h} is the
 * fixed-length vector handed to the decoder.
 *
 * <p>Open for extension: chapter 8's {@code AttentionEncoder} overrides {@link #forward} and
 * {@link #backward} to hand over all hidden states {@link #hs} instead of the last one.
 */
public class Encoder implements Parameterized {
    protected final TimeEmbedding embed;
    protected final TimeLSTM lstm;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    /** Hidden states of the last forward pass, (N, T, H). */
    protected Tensor hs;
    private Tensor last;    // (N, H) hs[:, -1, :], returned by forward and overwritten by the next one
    private Tensor dhs;     // (N, T, H) the gradient of hs in backward

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx randn(D, 4H) / √D},
     * {@code Wh randn(H, 4H) / √H}, bias zero; the LSTM is not stateful (each question starts from h = 0).
     */
    public Encoder(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        Tensor embedW = Tensor.randn(rng, 1.0 / 100, V, D);
        Tensor lstmWx = Tensor.randn(rng, 1 / Math.sqrt(D), D, 4 * H);
        Tensor lstmWh = Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB = Tensor.zeros(4 * H);

        this.embed = new TimeEmbedding(embedW);
        this.lstm = new TimeLSTM(lstmWx, lstmWh, lstmB, false);
        for (Parameterized layer : List.of(embed, lstm)) {
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

    /**
     * Encodes the questions {@code xs} (N, T).
     *
     * @return the last hidden state, (N, H), an array the encoder owns and overwrites at the next call
     */
    public Tensor forward(IntTensor xs) {
        Tensor out = embed.forward(xs);   // (N, T, D)
        hs = lstm.forward(out);           // (N, T, H)
        last = Slices.step(hs, hs.dim(1) - 1, last);   // hs[:, -1, :]
        return last;
    }

    /** Back-propagates the gradient {@code dh} (N, H) of the returned state and fills {@link #grads()}. */
    public void backward(Tensor dh) {
        dhs = Tensor.reuse(dhs, hs.shape);   // (N, T, H), zero except at the last step, the only one ever written
        Slices.setStep(dhs, hs.dim(1) - 1, dh);
        Tensor dout = lstm.backward(dhs);    // (N, T, D)
        embed.backward(dout);
    }
}
