package dl2.ch08;

import dl2.common.IntTensor;
import dl2.common.Layer;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.timelayers.Slices;
import dl2.common.timelayers.TimeBiLSTM;
import dl2.common.timelayers.TimeEmbedding;
import dl2.common.timelayers.TimeLSTM;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoder for attention (book 8.2.1, {@code ch08/attention_seq2seq.py} {@code AttentionEncoder}):
 * TimeEmbedding → TimeLSTM as in chapter 7's encoder, but it hands the decoder <em>all</em> hidden states
 * {@code hs (N, T, H)}, not only the last one.
 *
 * <p>The book's extensions of 8.4 are options, off in the book's model: {@code bidirectional} (8.4.1)
 * reads the question both ways with a TimeBiLSTM and concatenates the two directions, so each state is
 * {@code 2H} wide; {@code layers > 1} (8.4.3) stacks LSTMs. {@link #forward} returns the states of every
 * layer, bottom to top (a list of one in the book's model): attention reads the top one, and each decoder
 * layer starts from the last state of its encoder layer.
 */
public final class AttentionEncoder implements Parameterized {
    private final TimeEmbedding embed;
    private final List<Layer> lstms = new ArrayList<>();
    private final int outputSize;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /**
     * The book's initialisation: embedding {@code randn(V, D) / 100}, LSTM {@code Wx randn(D, 4H) / √D}
     * (the input width of the layer instead of D above the first), {@code Wh randn(H, 4H) / √H}, bias zero;
     * not stateful (each question starts from h = 0).
     */
    public AttentionEncoder(int vocabSize, int wordvecSize, int hiddenSize, int layers, boolean bidirectional, Rng rng) {
        int V = vocabSize, D = wordvecSize, H = hiddenSize;
        this.outputSize = bidirectional ? 2 * H : H;
        this.embed = new TimeEmbedding(Tensor.randn(rng, 1.0 / 100, V, D));
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? D : outputSize;
            lstms.add(bidirectional ? biLstm(in, H, rng) : lstm(in, H, rng));
        }
        List<Parameterized> all = new ArrayList<>();
        all.add(embed);
        all.addAll(lstms);
        for (Parameterized layer : all) {
            params.addAll(layer.params());
            grads.addAll(layer.grads());
        }
    }

    private static TimeLSTM lstm(int in, int H, Rng rng) {
        return new TimeLSTM(Tensor.randn(rng, 1 / Math.sqrt(in), in, 4 * H),
                Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H), Tensor.zeros(4 * H), false);
    }

    /** Two LSTMs initialised like {@link #lstm}, forward then backward, concatenated: {@code (N, T, 2H)}. */
    private static TimeBiLSTM biLstm(int in, int H, Rng rng) {
        Tensor Wx1 = Tensor.randn(rng, 1 / Math.sqrt(in), in, 4 * H);
        Tensor Wh1 = Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H);
        Tensor Wx2 = Tensor.randn(rng, 1 / Math.sqrt(in), in, 4 * H);
        Tensor Wh2 = Tensor.randn(rng, 1 / Math.sqrt(H), H, 4 * H);
        return new TimeBiLSTM(Wx1, Wh1, Tensor.zeros(4 * H), Wx2, Wh2, Tensor.zeros(4 * H), TimeBiLSTM.Merge.CONCAT);
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** The width of each state it returns: {@code H}, or {@code 2H} when bidirectional. */
    public int outputSize() {
        return outputSize;
    }

    /** {@link TimeLSTM#setRecomputeGates} for every LSTM of the encoder. */
    public void setRecomputeGates(boolean recompute) {
        for (Layer lstm : lstms) {
            if (lstm instanceof TimeBiLSTM bi) {
                bi.setRecomputeGates(recompute);
            } else {
                ((TimeLSTM) lstm).setRecomputeGates(recompute);
            }
        }
    }

    /** Encodes the questions {@code xs (N, T)}: the hidden states {@code hs (N, T, H)} of each layer, bottom to top. */
    public List<Tensor> forward(IntTensor xs) {
        List<Tensor> hs = new ArrayList<>();
        Tensor out = embed.forward(xs);     // (N, T, D)
        for (Layer lstm : lstms) {
            out = lstm.forward(out);        // (N, T, H)
            hs.add(out);
        }
        return hs;
    }

    /** Back-propagates the gradients {@code dhs} of the states {@link #forward} returned and fills {@link #grads()}. */
    public void backward(List<Tensor> dhs) {
        Tensor dout = null;
        for (int l = lstms.size() - 1; l >= 0; l--) {
            Tensor d = dhs.get(l);
            if (dout != null) {
                d = d.copy();
                Slices.addInto(d, dout);    // from the layer above, and from the decoder
            }
            dout = lstms.get(l).backward(d);
        }
        embed.backward(dout);               // (N, T, D)
    }
}
