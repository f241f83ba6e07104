package dl2.common;

import java.util.stream.IntStream;

/**
 * The hot loops of the project, in one place: matrix products and the few element-wise operations the
 * layers repeat. Layers call these so that they stay readable and performance work happens here only.
 *
 * <p>All matrices are row-major {@code double[]} with explicit sizes. The product loops run in i-k-j
 * order ({@code c[j] += a * b[j]}), which HotSpot turns into SIMD code. Large products split their output
 * rows over the processor cores; every output element is still computed by one thread in one fixed
 * order, so results do not depend on the number of threads.
 */
public final class Kernels {
    /** Products with fewer multiply-adds than this stay on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 17;
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private Kernels() {
    }

    /** How many threads large products may use (default: all processors). */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    /** {@code c (m, n) = a (m, k) · b (k, n)}, like {@code np.dot(a, b)}. */
    public static void matmul(double[] a, double[] b, double[] c, int m, int k, int n) {
        forRows(m, (long) m * k * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(c, i * n, i * n + n, 0.0);
            }
            rowsAB(a, b, c, from, to, k, n);
        });
    }

    /** {@code c (m, n) += a (m, k) · b (k, n)}. */
    public static void matmulAcc(double[] a, double[] b, double[] c, int m, int k, int n) {
        forRows(m, (long) m * k * n, (from, to) -> rowsAB(a, b, c, from, to, k, n));
    }

    /** {@code c (k, n) = aᵀ · b} with {@code a (m, k)}, {@code b (m, n)}, like {@code np.dot(a.T, b)} (weight gradients). */
    public static void matmulAtB(double[] a, double[] b, double[] c, int m, int k, int n) {
        forRows(k, (long) m * k * n, (from, to) -> {
            java.util.Arrays.fill(c, from * n, to * n, 0.0);
            rowsAtB(a, b, c, from, to, m, k, n);
        });
    }

    /** {@code c (k, n) += aᵀ · b} with {@code a (m, k)}, {@code b (m, n)}. */
    public static void matmulAtBAcc(double[] a, double[] b, double[] c, int m, int k, int n) {
        forRows(k, (long) m * k * n, (from, to) -> rowsAtB(a, b, c, from, to, m, k, n));
    }

    /** {@code c (m, k) = a · bᵀ} with {@code a (m, n)}, {@code b (k, n)}, like {@code np.dot(a, b.T)} (input gradients). */
    public static void matmulABt(double[] a, double[] b, double[] c, int m, int n, int k) {
        matmul(a, transpose(b, k, n), c, m, n, k);
    }

    /** {@code c (m, k) += a · bᵀ} with {@code a (m, n)}, {@code b (k, n)}. */
    public static void matmulABtAcc(double[] a, double[] b, double[] c, int m, int n, int k) {
        matmulAcc(a, transpose(b, k, n), c, m, n, k);
    }

    /** The transpose of {@code a (rows, cols)}: a new {@code (cols, rows)} array. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static void rowsAB(double[] a, double[] b, double[] c, int from, int to, int k, int n) {
        for (int i = from; i < to; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static void rowsAtB(double[] a, double[] b, double[] c, int from, int to, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int bi = i * n;
            for (int p = from; p < to; p++) {
                double aip = a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                int cp = p * n;
                for (int j = 0; j < n; j++) {
                    c[cp + j] += aip * b[bi + j];
                }
            }
        }
    }

    /** A piece of work over output rows {@code [from, to)}. */
    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    private static void forRows(int rows, long work, RowRange body) {
        int t = threads;
        if (t == 1 || rows < 2 || work < PARALLEL_THRESHOLD) {
            body.run(0, rows);
            return;
        }
        int chunks = Math.min(rows, t);
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int from = (int) ((long) rows * ch / chunks);
            int to = (int) ((long) rows * (ch + 1) / chunks);
            body.run(from, to);
        });
    }

    /** {@code c[i, :] += row} for every row of {@code c (m, n)} (the bias add of Affine). */
    public static void addRowVector(double[] c, double[] row, int m, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += row[j];
            }
        }
    }

    /** {@code out[j] += Σᵢ x[i, j]} over the rows of {@code x (m, n)}, like {@code out += x.sum(axis=0)} (bias gradients). */
    public static void sumRowsAcc(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int xi = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += x[xi + j];
            }
        }
    }

    /** {@code y += alpha · x}. */
    public static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code Σ a[i] · b[i]}. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The logistic function {@code 1 / (1 + e^-x)}. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Softmax of each row of {@code x (m, n)} in place, shifted by the row maximum for stability. */
    public static void softmaxRows(double[] x, int m, int n) {
        for (int i = 0; i < m; i++) {
            int xi = i * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[xi + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(x[xi + j] - max);
                x[xi + j] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < n; j++) {
                x[xi + j] *= inv;
            }
        }
    }
}
