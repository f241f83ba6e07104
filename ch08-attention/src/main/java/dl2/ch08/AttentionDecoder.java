package dl2.ch08;

import dl2.ch07.Seq2seqDecoder;
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
 * The decoder with attention (book 8.2.2, {@code ch08/attention_seq2seq.py} {@code AttentionDecoder}):
 * TimeEmbedding → TimeLSTM started from the encoder's last hidden state → TimeAttention over all encoder
 * states → TimeAffine of the concatenation {@code [context, h]}, giving a score per character at each step.
 *
 * <p>With {@code layers > 1} (the deeper seq2seq of book 8.4.3) the LSTMs are stacked; decoder layer
 * {@code l} starts from the last hidden state of encoder layer {@code l}, and attention reads the top layers.
 * The encoder states arrive as one {@code (N, T, H)} tensor per encoder layer, bottom to top: a list of
 * one in the book's model.
 */
public final class AttentionDecoder implements Parameterized {
    private final TimeEmbedding embed;
    private final List<TimeLSTM> lstms = new ArrayList<>();
    private final TimeAttention attention = new TimeAttention();
    private final TimeAffine affine;
    private final int hiddenSize;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    private List<Tensor> encHs;        // one (N, T_enc, H) per layer, from the last forward
    private Tensor attentionWeights;   // (N, T_dec, T_enc) of the last forward or generate
    private Tensor ch;                 // (N, T, 2H) [c, h], the affine's input, reused between calls
    private Tensor dc;                 // (N, T, H) its gradient a half at a time, the c part then the h part, reused between calls

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx randn(D, 4H) / √D}
     * ({@code randn(H, 4H) / √H} for the layers above the first), {@code Wh randn(H, 4H) / √H}, Affine
     * {@code W randn(2H, V) / √(2H)}, biases zero; the LSTMs are stateful so that they can be given the
     * encoder's states.
     *
     * @param hiddenSize the width of the encoder states it reads, which its LSTMs share
     */
    public AttentionDecoder(int vocabSize, int wordvecSize, int hiddenSize, int layers, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        this.hiddenSize = H;
        this.embed = new TimeEmbedding(Tensor.randn(rng, 1.0 / 100, V, D));
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? D : H;
            lstms.add(new TimeLSTM(Tensor.randn(rng, 1 / Math.sqrt(in), in, 4 * H),
                    Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H), Tensor.zeros(4 * H), true));
        }
        this.affine = new TimeAffine(Tensor.randn(rng, 1 / Math.sqrt(2 * H), 2 * H, V), Tensor.zeros(V));
        List<Parameterized> all = new ArrayList<>();
        all.add(embed);
        all.addAll(lstms);
        all.add(affine);
        for (Parameterized layer : all) {
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

    /** {@link TimeLSTM#setRecomputeGates} for every LSTM of the decoder. */
    public void setRecomputeGates(boolean recompute) {
        for (TimeLSTM lstm : lstms) {
            lstm.setRecomputeGates(recompute);
        }
    }

    /**
     * Teacher-forced forward pass: {@code xs (N, T)} are the decoder inputs (the answer shifted right),
     * {@code encHs} the encoder states of each layer; returns the scores {@code (N, T, V)}.
     */
    public Tensor forward(IntTensor xs, List<Tensor> encHs) {
        setStates(encHs);                                      // h = enc_hs[:, -1]
        Tensor out = embed.forward(xs);                        // (N, T, D)
        for (TimeLSTM lstm : lstms) {
            out = lstm.forward(out);                           // (N, T, H)
        }
        Tensor decHs = out;
        Tensor c = attention.forward(top(encHs), decHs);       // (N, T, H)
        this.encHs = encHs;
        this.attentionWeights = attention.attentionWeights();
        ch = Slices.concat(c, decHs, ch);                      // [c, h]: (N, T, 2H)
        return affine.forward(ch);                             // (N, T, V)
    }

    /** Back-propagates {@code dscore (N, T, V)}, fills {@link #grads()} and returns the gradient of each layer's {@code encHs}. */
    public List<Tensor> backward(Tensor dscore) {
        int H = hiddenSize;
        affine.weightGradients(dscore);                        // the book's dout = affine.backward(dscore), (N, T, 2H),
        dc = affine.inputGradient(dscore, 0, H, dc);           // taken a half at a time: dc = dout[:, :, :H]
        TimeAttention.Grads g = attention.backward(dc);
        Tensor ddecHs = affine.inputGradient(dscore, H, 2 * H, dc);   // dout[:, :, H:], into dc's array, which is done with
        Slices.addInto(ddecHs, g.dhsDec());                    // ddec_hs = ddec_hs0 + ddec_hs1

        List<Tensor> dencHs = new ArrayList<>();
        for (int l = 0; l < encHs.size() - 1; l++) {
            dencHs.add(Tensor.zerosLike(encHs.get(l)));
        }
        dencHs.add(g.dhsEnc());                                // the attention looks at the last layer only
        Tensor dx = ddecHs;
        for (int l = lstms.size() - 1; l >= 0; l--) {
            dx = lstms.get(l).backward(dx);
            Slices.addToLast(dencHs.get(l), lstms.get(l).dh());   // denc_hs[:, -1] += dh
        }
        embed.backward(dx);
        return dencHs;
    }

    /**
     * Greedy decoding of {@code sampleSize} characters for every row of the encoder states, the book's
     * {@code generate} for a whole batch: each step's argmax is the next step's input. The attention weights
     * of every step are kept ({@link #attentionWeights()}).
     */
    public IntTensor generate(List<Tensor> encHs, int startId, int sampleSize) {
        Tensor hs = top(encHs);
        int N = hs.dim(0), Tenc = hs.dim(1), V = affine.params().get(1).size();
        int[] sampled = new int[N * sampleSize];
        int[] x = new int[N];
        Arrays.fill(x, startId);
        Tensor weights = Tensor.zeros(N, sampleSize, Tenc);
        setStates(encHs);
        for (int s = 0; s < sampleSize; s++) {
            Tensor out = embed.forward(new IntTensor(x, N, 1));   // (N, 1, D)
            for (TimeLSTM lstm : lstms) {
                out = lstm.forward(out);                          // (N, 1, H)
            }
            Tensor c = attention.forward(hs, out);                // (N, 1, H)
            ch = Slices.concat(c, out, ch);
            Tensor score = affine.forward(ch);                    // (N, 1, V)
            x = Seq2seqDecoder.argmaxRows(score, N, V);
            for (int n = 0; n < N; n++) {
                sampled[n * sampleSize + s] = x[n];
            }
            Slices.setStep(weights, s, Slices.step(attention.attentionWeights(), 0));
        }
        this.attentionWeights = weights;
        return new IntTensor(sampled, N, sampleSize);
    }

    /**
     * The attention weights {@code (N, T_dec, T_enc)} of the last {@link #forward} or {@link #generate}:
     * row {@code [n, t]} says how much output step {@code t} looked at each input position.
     */
    public Tensor attentionWeights() {
        return attentionWeights;
    }

    /** Each LSTM layer starts from the last hidden state of the encoder layer below it. */
    private void setStates(List<Tensor> encHs) {
        if (encHs.size() != lstms.size()) {
            throw new IllegalArgumentException("the decoder has " + lstms.size() + " LSTM layers but got the states of "
                    + encHs.size() + " encoder layers");
        }
        for (int l = 0; l < lstms.size(); l++) {
            lstms.get(l).setState(Slices.last(encHs.get(l)));
        }
    }

    private static Tensor top(List<Tensor> encHs) {
        return encHs.get(encHs.size() - 1);
    }
}
