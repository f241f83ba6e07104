package dl2.ch08;

import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * The context vector {@code c = Σₜ a[:, t] · hs[:, t]}, the weighted sum of the encoder states
 * (book 8.1.3, "Decoder improvement ①"). No parameters.
 */
public final class WeightSum implements Parameterized {
    /** The book's {@code (dhs, da)} pair returned by {@link #backward}. */
    public record Grads(Tensor dhs, Tensor da) {
    }

    private Tensor hs;  // (N, T, H)
    private Tensor a;   // (N, T)

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** {@code hs (N, T, H)} and weights {@code a (N, T)} give the context {@code c (N, H)}. */
    public Tensor forward(Tensor hs, Tensor a) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Tensor c = Tensor.zeros(N, H);  // c = sum(hs * a.reshape(N, T, 1), axis=1)
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                double w = a.data[n * T + t];
                int row = (n * T + t) * H;
                for (int j = 0; j < H; j++) {
                    c.data[n * H + j] += w * hs.data[row + j];
                }
            }
        }
        this.hs = hs;
        this.a = a;
        return c;
    }

    /** {@code dc (N, H)} gives {@code dhs (N, T, H)} and {@code da (N, T)}. */
    public Grads backward(Tensor dc) {
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        Tensor dhs = Tensor.zeros(N, T, H);
        Tensor da = Tensor.zeros(N, T);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                double w = a.data[n * T + t];
                int row = (n * T + t) * H;
                double sum = 0;
                for (int j = 0; j < H; j++) {
                    double g = dc.data[n * H + j];  // dt = dc repeated over T
                    dhs.data[row + j] = g * w;      // dhs = dt * ar
                    sum += g * hs.data[row + j];    // da = sum(dt * hs, axis=2)
                }
                da.data[n * T + t] = sum;
            }
        }
        return new Grads(dhs, da);
    }
}
