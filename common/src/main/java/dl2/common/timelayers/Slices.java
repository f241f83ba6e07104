package dl2.common.timelayers;

import dl2.common.Tensor;

/**
 * The NumPy slicing of {@code (N, T, W)} sequences that the time layers and the seq2seq models of chapters 7
 * and 8 need, written once: one step {@code x[:, t, :]}, the last step {@code x[:, -1]}, a state repeated over
 * the steps, and the concatenation {@code np.concatenate((a, b), axis=2)} with its split. Element
 * {@code (n, t, w)} is {@code data[(n * T + t) * W + w]}.
 */
public final class Slices {
    private Slices() {
    }

    /** {@code seq[:, t, :]}: a new {@code (N, W)} tensor. */
    public static Tensor step(Tensor seq, int t) {
        return step(seq, t, null);
    }

    /** {@code seq[:, t, :]} written into {@code into} when it has the shape {@code (N, W)}, else into a new tensor; returns it. */
    public static Tensor step(Tensor seq, int t, Tensor into) {
        Tensor out = Tensor.reuse(into, seq.dim(0), seq.dim(2));
        Steps.step(seq, t, out, 0, seq.dim(0));
        return out;
    }

    /** {@code seq[:, t, :] = x} for {@code x (N, W)}. */
    public static void setStep(Tensor seq, int t, Tensor x) {
        Steps.setStep(seq, t, x, 0, seq.dim(0));
    }

    /** {@code seq[:, -1]}: the last step, a new {@code (N, W)} tensor. */
    public static Tensor last(Tensor seq) {
        return step(seq, seq.dim(1) - 1);
    }

    /** {@code seq[:, -1] += x} for {@code x (N, W)}. */
    public static void addToLast(Tensor seq, Tensor x) {
        int N = seq.dim(0), T = seq.dim(1), W = seq.dim(2);
        for (int n = 0; n < N; n++) {
            int s = (n * T + T - 1) * W;
            for (int w = 0; w < W; w++) {
                seq.data[s + w] += x.data[n * W + w];
            }
        }
    }

    /** {@code h (N, H)} copied to every step: {@code (N, T, H)}, like {@code np.repeat(h, T, axis=0).reshape(N, T, H)}. */
    public static Tensor repeatOverTime(Tensor h, int T) {
        return repeatOverTime(h, T, null);
    }

    /** {@link #repeatOverTime(Tensor, int)} written into {@code into} when it has the shape {@code (N, T, H)}, else into a new tensor; returns it. */
    public static Tensor repeatOverTime(Tensor h, int T, Tensor into) {
        int N = h.dim(0), H = h.dim(1);
        Tensor hs = Tensor.reuse(into, N, T, H);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(h.data, n * H, hs.data, (n * T + t) * H, H);
            }
        }
        return hs;
    }

    /** {@code a (N, T, A)} and {@code b (N, T, B)} side by side: a new {@code (N, T, A + B)} tensor. */
    public static Tensor concat(Tensor a, Tensor b) {
        return concat(a, b, null);
    }

    /** {@link #concat(Tensor, Tensor)} written into {@code into} when it has the shape {@code (N, T, A + B)}, else into a new tensor; returns it. */
    public static Tensor concat(Tensor a, Tensor b, Tensor into) {
        int N = a.dim(0), T = a.dim(1), A = a.dim(2), B = b.dim(2);
        Tensor out = Tensor.reuse(into, N, T, A + B);
        for (int r = 0; r < N * T; r++) {
            System.arraycopy(a.data, r * A, out.data, r * (A + B), A);
            System.arraycopy(b.data, r * B, out.data, r * (A + B) + A, B);
        }
        return out;
    }

    /** {@code x[:, :, from:to]} of {@code x (N, T, C)}: a new tensor. */
    public static Tensor split(Tensor x, int from, int to) {
        return split(x, from, to, null);
    }

    /** {@code x[:, :, from:to]} written into {@code into} when it has the shape {@code (N, T, to − from)}, else into a new tensor; returns it. */
    public static Tensor split(Tensor x, int from, int to, Tensor into) {
        int N = x.dim(0), T = x.dim(1), C = x.dim(2), W = to - from;
        Tensor out = Tensor.reuse(into, N, T, W);
        for (int r = 0; r < N * T; r++) {
            System.arraycopy(x.data, r * C + from, out.data, r * W, W);
        }
        return out;
    }

    /** {@code into += x}, element by element. */
    public static void addInto(Tensor into, Tensor x) {
        for (int i = 0; i < into.data.length; i++) {
            into.data[i] += x.data[i];
        }
    }
}
