package dl2.ch08;

import dl2.common.Parameterized;
import dl2.common.Tensor;
import dl2.common.layers.Softmax;

import java.util.List;

/**
 * The attention weights {@code a = softmax(hs · h)} (book 8.1.4, "Decoder improvement ②"): the score of
 * each encoder state {@code hs[:, t]} is its dot product with the decoder state {@code h}, and a softmax
 * over {@code t} turns the scores into weights that sum to 1. No parameters.
 */
public final class AttentionWeight implements Parameterized {
    /** The book's {@code (dhs, dh)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhs, Tensor dh) {
    }

    private final Softmax softmax = new Softmax();
    private Tensor hs;  // (N, T, H)
    private Tensor h;   // (N, H)

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hs (N, T, H)} and {@code h (N, H)} give the weights {@code a (N, T)}. */
    public Tensor forward(Tensor hs, Tensor h) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Tensor s = Tensor.zeros(N, T);  // s = sum(hs * h.reshape(N, 1, H), axis=2)
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                int row = (n * T + t) * H;
                double sum = 0;
                for (int j = 0; j < H; j++) {
                    sum += hs.data[row + j] * h.data[n * H + j];
                }
                s.data[n * T + t] = sum;
            }
        }
        this.hs = hs;
        this.h = h;
        return softmax.forward(s);
    }

    /** {@code da (N, T)} gives {@code dhs (N, T, H)} and {@code dh (N, H)}. */
    public Grads backward(Tensor da) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Tensor ds = softmax.backward(da);  // (N, T)
        Tensor dhs = Tensor.zeros(N, T, H);
        Tensor dh = Tensor.zeros(N, H);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                double dst = ds.data[n * T + t];
                int row = (n * T + t) * H;
                for (int j = 0; j < H; j++) {
                    dhs.data[row + j] = dst * h.data[n * H + j];   // dhs = dt * hr
                    dh.data[n * H + j] += dst * hs.data[row + j];  // dh = sum(dt * hs, axis=1)
                }
            }
        }
        return new Grads(dhs, dh);
    }
}
