package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.TimeAffine;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seq2seq decoder (book 7.2.3; {@code ch07/seq2seq.py} {@code Decoder}):
 * TimeEmbedding → TimeLSTM started from the encoder's {@code h} → TimeAffine, giving a score per
 * character at each step. Training feeds it the correct answer (teacher forcing); {@link #generate}
 * feeds back its own greedy choice instead.
 */
public class Decoder implements Seq2seqDecoder {
    protected final TimeEmbedding embed;
    protected final TimeLSTM lstm;
    protected final TimeAffine affine;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx randn(D, 4H) / √D},
     * {@code Wh randn(H, 4H) / √H}, Affine {@code W randn(H, V) / √H}, biases zero; the LSTM is stateful
     * so that {@code setState(h)} hands it the encoder's vector.
     */
    public Decoder(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        Tensor embedW = Tensor.randn(rng, 1.0 / 100, V, D);
        Tensor lstmWx = Tensor.randn(rng, 1 / Math.sqrt(D), D, 4 * H);
        Tensor lstmWh = Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB = Tensor.zeros(4 * H);
        Tensor affineW = Tensor.randn(rng, 1 / Math.sqrt(H), H, V);
        Tensor affineB = Tensor.zeros(V);

        this.embed = new TimeEmbedding(embedW);
        this.lstm = new TimeLSTM(lstmWx, lstmWh, lstmB, true);
        this.affine = new TimeAffine(affineW, affineB);
        for (Parameterized layer : List.of(embed, lstm, affine)) {
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

    /** {@inheritDoc} Here {@code h} is the encoder's last hidden state (N, H). */
    @Override
    public Tensor forward(IntTensor xs, Tensor h) {
        lstm.setState(h);
        Tensor out = embed.forward(xs);   // (N, T, D)
        out = lstm.forward(out);          // (N, T, H)
        return affine.forward(out);       // (N, T, V)
    }

    @Override
    public Tensor backward(Tensor dscore) {
        Tensor dout = affine.backward(dscore);   // (N, T, H)
        dout = lstm.backward(dout);              // (N, T, D)
        embed.backward(dout);
        return lstm.dh();                        // (N, H): what flows back into the encoder
    }

    /**
     * Greedy decoding, the book's {@code Decoder.generate} for a whole batch: every row starts from its own
     * {@code h} and {@code startId}, and each step's argmax is the next step's input.
     */
    @Override
    public IntTensor generate(Tensor h, int startId, int sampleSize) {
        int N = h.dim(0);
        int[] sampled = new int[N * sampleSize];
        int[] x = new int[N];
        Arrays.fill(x, startId);
        lstm.setState(h);
        for (int s = 0; s < sampleSize; s++) {
            Tensor out = embed.forward(new IntTensor(x, N, 1));   // (N, 1, D)
            out = lstm.forward(out);                              // (N, 1, H)
            Tensor score = affine.forward(out);                   // (N, 1, V)
            x = Seq2seqDecoder.argmaxRows(score, N, score.dim(2));
            for (int n = 0; n < N; n++) {
                sampled[n * sampleSize + s] = x[n];
            }
        }
        return new IntTensor(sampled, N, sampleSize);
    }
}
