package dl2.common.layers;

import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Tensor;

/** The book's {@code common/functions.py}: softmax and the cross-entropy error. */
public final class Functions {
    /** The book's guard inside the logarithm, {@code log(y + 1e-7)}, so that a zero probability gives a finite loss. */
    public static final double LOG_GUARD = 1e-7;

    private Functions() {
    }

    /** Softmax over the last axis of {@code x} (each row sums to 1): a new tensor of the same shape. */
    public static Tensor softmax(Tensor x) {
        Tensor y = Tensor.zerosLike(x);
        int C = x.dim(-1);
        Kernels.softmaxRows(x.data, y.data, x.size() / C, C);
        return y;
    }

    /**
     * The mean over rows of {@code -log(y[n, t[n]] + 1e-7)}: {@code y} holds probabilities with the
     * classes on its last axis, {@code t} one label per row.
     */
    public static double crossEntropyError(Tensor y, IntTensor t) {
        int C = y.dim(-1), N = y.size() / C;
        if (t.size() != N) {
            throw new IllegalArgumentException("probabilities " + y.shapeString() + " have " + N
                    + " rows but there are " + t.size() + " labels");
        }
        double sum = 0;
        for (int n = 0; n < N; n++) {
            sum += Math.log(y.data[n * C + label(t, n, C)] + LOG_GUARD);
        }
        return -sum / N;
    }

    /** Label {@code n} of {@code t}, checked to be a class index below {@code C}. */
    static int label(IntTensor t, int n, int C) {
        int c = t.data[n];
        if (c < 0 || c >= C) {
            throw new IllegalArgumentException("label " + c + " at position " + n + " is not a class index in [0, " + C + ")");
        }
        return c;
    }
}
