package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.Slices;
import dl2.common.timelayers.TimeAffine;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "peeky" decoder (book 7.3.4; {@code ch07/peeky_seq2seq.py}
 * {@code PeekyDecoder}): the encoder's vector {@code h} is not only the LSTM's starting state but is also
 * shown at every step, concatenated before the LSTM's input, {@code [h, x]}, and before the Affine's
 * input, {@code [h, out]}.
 *
 * <p>Since {@code h} is used at every step, its gradient is the LSTM's {@code dh} plus the sum over the
 * steps of the two concatenation branches.
 */
public class PeekyDecoder implements Seq2seqDecoder {
    protected final TimeEmbedding embed;
    protected final TimeLSTM lstm;
    protected final TimeAffine affine;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    /** H of the last forward pass, where the concatenations split. */
    private int cachedH;
    private Tensor hs;          // (N, T, H) h at every step
    private Tensor lstmIn;      // (N, T, H + D) [h, x]
    private Tensor affineIn;    // (N, T, H + H) [h, out]
    private Tensor dhs0;        // (N, T, H) the gradients of the two copies of h, and of the LSTM's output
    private Tensor dhs1;
    private Tensor dLstmOut;
    private Tensor dEmbed;      // (N, T, D)

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx randn(H + D, 4H) / √(H + D)},
     * {@code Wh randn(H, 4H) / √H}, Affine {@code W randn(2H, V) / √(2H)}, biases zero; stateful LSTM.
     */
    public PeekyDecoder(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        Tensor embedW = Tensor.randn(rng, 1.0 / 100, V, D);
        Tensor lstmWx = Tensor.randn(rng, 1 / Math.sqrt(H + D), H + D, 4 * H);
        Tensor lstmWh = Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H);
        Tensor lstmB = Tensor.zeros(4 * H);
        Tensor affineW = Tensor.randn(rng, 1 / Math.sqrt(H + H), H + H, V);
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
        int T = xs.dim(1);
        cachedH = h.dim(1);
        lstm.setState(h);
        Tensor out = embed.forward(xs);                   // (N, T, D)
        hs = Slices.repeatOverTime(h, T, hs);             // (N, T, H)
        lstmIn = Slices.concat(hs, out, lstmIn);
        out = lstm.forward(lstmIn);                       // [h, x]: (N, T, H + D) → (N, T, H)
        affineIn = Slices.concat(hs, out, affineIn);
        return affine.forward(affineIn);                  // [h, out]: (N, T, H + H) → (N, T, V)
    }

    @Override
    public Tensor backward(Tensor dscore) {
        int H = cachedH;
        Tensor dout = affine.backward(dscore);            // (N, T, H + H)
        dhs0 = Slices.split(dout, 0, H, dhs0);                   // (N, T, H)
        dLstmOut = Slices.split(dout, H, 2 * H, dLstmOut);
        dout = lstm.backward(dLstmOut);                          // (N, T, H + D)
        dhs1 = Slices.split(dout, 0, H, dhs1);                   // (N, T, H)
        dEmbed = Slices.split(dout, H, dout.dim(2), dEmbed);
        embed.backward(dEmbed);                                  // (N, T, D)

        Tensor dh = lstm.dh().copy();                     // (N, H)
        int N = dh.dim(0), T = dhs0.dim(1);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                int src = (n * T + t) * H;
                for (int j = 0; j < H; j++) {
                    dh.data[n * H + j] += dhs0.data[src + j] + dhs1.data[src + j];   // Σ over t of (dhs0 + dhs1)
                }
            }
        }
        return dh;
    }

    /** Greedy decoding of the whole batch, {@code h} shown at every step as in {@link #forward}. */
    @Override
    public IntTensor generate(Tensor h, int startId, int sampleSize) {
        int N = h.dim(0);
        Tensor peekyH = h.reshape(N, 1, h.dim(1));   // (N, 1, H)
        int[] sampled = new int[N * sampleSize];
        int[] x = new int[N];
        Arrays.fill(x, startId);
        lstm.setState(h);
        for (int s = 0; s < sampleSize; s++) {
            Tensor out = embed.forward(new IntTensor(x, N, 1));   // (N, 1, D)
            out = lstm.forward(Slices.concat(peekyH, out));              // (N, 1, H)
            Tensor score = affine.forward(Slices.concat(peekyH, out));   // (N, 1, V)
            x = Seq2seqDecoder.argmaxRows(score, N, score.dim(2));
            for (int n = 0; n < N; n++) {
                sampled[n * sampleSize + s] = x[n];
            }
        }
        return new IntTensor(sampled, N, sampleSize);
    }
}
