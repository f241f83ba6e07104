package dl2.common.timelayers;

import dl2.common.Tensor;

/**
 * The slicing of the time layers' loops in forms that write into arrays the layers keep between calls
 * ({@code xs[:, t, :] + dh}, {@code [x, h]} and its split), the reversal
 * {@code xs[:, ::-1]}, and the shape checks; the forms that make new tensors are in {@link Slices}.
 * Element {@code (n, t, d)} is {@code data[(n * T + t) * D + d]}.
 */
final class Steps {
    private Steps() {
    }

    /** {@code xs[:, t, :] + h}: a new {@code (N, D)} tensor (the gradient arriving at step t plus the one from step t+1). */
    static Tensor atPlus(Tensor xs, int t, Tensor h) {
        Tensor x = Tensor.zeros(xs.dim(0), xs.dim(2));
        atPlus(xs, t, h, x, 0, xs.dim(0));
        return x;
    }

    /** Rows {@code [n0, n1)} of {@code into = xs[:, t, :] + h} (the gradient arriving at step t plus the one from step t+1). */
    static void atPlus(Tensor xs, int t, Tensor h, Tensor into, int n0, int n1) {
        int T = xs.dim(1), D = xs.dim(2);
        for (int n = n0; n < n1; n++) {
            int from = (n * T + t) * D;
            for (int d = 0; d < D; d++) {
                into.data[n * D + d] = xs.data[from + d] + h.data[n * D + d];
            }
        }
    }

    /** Rows {@code [n0, n1)} of {@code into (N, D) = xs[:, t, :]}. */
    static void step(Tensor xs, int t, Tensor into, int n0, int n1) {
        int T = xs.dim(1), D = xs.dim(2);
        for (int n = n0; n < n1; n++) {
            System.arraycopy(xs.data, (n * T + t) * D, into.data, n * D, D);
        }
    }

    /** Rows {@code [n0, n1)} of {@code xs[:, t, :] = x}. */
    static void setStep(Tensor xs, int t, Tensor x, int n0, int n1) {
        int T = xs.dim(1), D = xs.dim(2);
        for (int n = n0; n < n1; n++) {
            System.arraycopy(x.data, n * D, xs.data, (n * T + t) * D, D);
        }
    }

    /**
     * Rows {@code [n0, n1)} of {@code into (N, A + B) = [a, bs[:, t, :]]}: {@code a (N, A)} and step {@code t} of
     * {@code bs (N, T, B)} side by side, like {@code np.hstack}; an {@code (N, B)} array is a sequence of one step.
     */
    static void sideBySide(Tensor a, Tensor bs, int t, Tensor into, int n0, int n1) {
        int A = a.dim(1), B = into.dim(1) - A, rowB = bs.size() / a.dim(0);
        for (int n = n0; n < n1; n++) {
            System.arraycopy(a.data, n * A, into.data, n * (A + B), A);
            System.arraycopy(bs.data, n * rowB + t * B, into.data, n * (A + B) + A, B);
        }
    }

    /** Rows {@code [n0, n1)} of the reverse of {@link #sideBySide}: the first columns of {@code x (N, A + B)} into {@code a (N, A)}, the others into {@code b (N, B)}. */
    static void split(Tensor x, Tensor a, Tensor b, int n0, int n1) {
        int A = a.dim(1), B = b.dim(1);
        for (int n = n0; n < n1; n++) {
            System.arraycopy(x.data, n * (A + B), a.data, n * A, A);
            System.arraycopy(x.data, n * (A + B) + A, b.data, n * B, B);
        }
    }

    /** {@code xs[:, ::-1, :]}: a new tensor with the time axis reversed. */
    static Tensor reversed(Tensor xs) {
        int N = xs.dim(0), T = xs.dim(1), D = xs.dim(2);
        Tensor r = Tensor.zeros(xs.shape);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(xs.data, (n * T + t) * D, r.data, (n * T + T - 1 - t) * D, D);
            }
        }
        return r;
    }

    /** Checks that {@code xs} is {@code (N, T, D)} with the given {@code D}. */
    static void requireSequence(String layer, Tensor xs, int D) {
        if (xs.ndim() != 3 || xs.dim(2) != D) {
            throw new IllegalArgumentException(layer + " expects input of shape (N, T, " + D + "), got " + xs.shapeString());
        }
    }

    /** Checks that a carried state {@code h} fits a batch of {@code N} rows. */
    static void requireBatch(String layer, Tensor h, int N) {
        if (h.dim(0) != N) {
            throw new IllegalArgumentException(layer + " carries a state for a batch of " + h.dim(0)
                    + " rows but got a batch of " + N + "; call resetState() or setState(...) first");
        }
    }
}
