package dl2.ch08;

import dl2.common.Tensor;

/**
 * The NumPy slicing that chapter 8's classes need on {@code (N, T, W)} tensors, written once: one step
 * {@code x[:, t, :]}, the last step {@code x[:, -1]}, and the concatenation {@code np.concatenate((a, b), axis=2)}
 * with its split. Element {@code (n, t, w)} is {@code data[(n * T + t) * W + w]}.
 */
final class Slices {
    private Slices() {
    }

    /** {@code seq[:, t, :]}: a new {@code (N, W)} tensor. */
    static Tensor step(Tensor seq, int t) {
        int N = seq.dim(0), T = seq.dim(1), W = seq.dim(2);
        Tensor out = Tensor.zeros(N, W);
        for (int n = 0; n < N; n++) {
            System.arraycopy(seq.data, (n * T + t) * W, out.data, n * W, W);
        }
        return out;
    }

    /** {@code seq[:, t, :] = x} for {@code x (N, W)}. */
    static void setStep(Tensor seq, int t, Tensor x) {
        int N = seq.dim(0), T = seq.dim(1), W = seq.dim(2);
        for (int n = 0; n < N; n++) {
            System.arraycopy(x.data, n * W, seq.data, (n * T + t) * W, W);
        }
    }

    /** {@code seq[:, -1]}: the last step, a new {@code (N, W)} tensor. */
    static Tensor last(Tensor seq) {
        return step(seq, seq.dim(1) - 1);
    }

    /** {@code seq[:, -1] += x} for {@code x (N, W)}. */
    static void addToLast(Tensor seq, Tensor x) {
        int N = seq.dim(0), T = seq.dim(1), W = seq.dim(2);
        for (int n = 0; n < N; n++) {
            int s = (n * T + T - 1) * W;
            for (int w = 0; w < W; w++) {
                seq.data[s + w] += x.data[n * W + w];
            }
        }
    }

    /** {@code a (N, T, A)} and {@code b (N, T, B)} side by side: {@code (N, T, A + B)}. */
    static Tensor concat(Tensor a, Tensor b) {
        int N = a.dim(0), T = a.dim(1), A = a.dim(2), B = b.dim(2);
        Tensor out = Tensor.zeros(N, T, A + B);
        for (int r = 0; r < N * T; r++) {
            System.arraycopy(a.data, r * A, out.data, r * (A + B), A);
            System.arraycopy(b.data, r * B, out.data, r * (A + B) + A, B);
        }
        return out;
    }

    /** {@code x[:, :, from:to]} of {@code x (N, T, C)}: a new tensor. */
    static Tensor split(Tensor x, int from, int to) {
        int N = x.dim(0), T = x.dim(1), C = x.dim(2), W = to - from;
        Tensor out = Tensor.zeros(N, T, W);
        for (int r = 0; r < N * T; r++) {
            System.arraycopy(x.data, r * C + from, out.data, r * W, W);
        }
        return out;
    }

    /** {@code into += x}, element by element. */
    static void addInto(Tensor into, Tensor x) {
        for (int i = 0; i < into.data.length; i++) {
            into.data[i] += x.data[i];
        }
    }
}
