package dl2.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The products against a naive triple loop, on both paths (Vector API and plain), many shapes and thread counts. */
class KernelsTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 3, 5}, {2, 3, 4}, {3, 5, 7}, {5, 7, 17}, {4, 16, 16}, {9, 33, 40}, {64, 70, 130}, {7, 100, 301}};

    private static double[] naive(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void allProductFormsMatchANaiveLoop() {
        Rng rng = new Rng(3);
        for (int threads : new int[] {1, 2, 3}) {
            Kernels.setThreads(threads);
            for (int[] s : SHAPES) {
                int m = s[0], k = s[1], n = s[2];
                double[] a = rng.randn(m * k, 1), b = rng.randn(k * n, 1), start = rng.randn(m * n, 1);
                double[] expected = naive(a, b, m, k, n);

                double[] c = new double[m * n];
                Kernels.matmul(a, b, c, m, k, n);
                assertClose(expected, c);

                double[] acc = start.clone();
                Kernels.matmulAcc(a, b, acc, m, k, n);
                double[] sum = start.clone();
                Kernels.axpy(1, expected, sum);
                assertClose(sum, acc);

                double[] at = Kernels.transpose(a, m, k);        // (k, m): atᵀ · b == a · b
                Kernels.matmulAtB(at, b, c, k, m, n);
                assertClose(expected, c);

                double[] bt = Kernels.transpose(b, k, n);        // (n, k): a · btᵀ == a · b
                Kernels.matmulABt(a, bt, c, m, k, n);
                assertClose(expected, c);

                acc = start.clone();
                Kernels.matmulABtAcc(a, bt, acc, m, k, n);
                assertClose(sum, acc);

                acc = start.clone();
                Kernels.matmulAtBAcc(at, b, acc, k, m, n);
                assertClose(sum, acc);
            }
        }
        Kernels.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void bothPathsAgreeAndThreadsDoNotChangeResults() {
        Rng rng = new Rng(5);
        int m = 130, k = 257, n = 1030;  // odd sizes: tails of rows, columns and strips
        double[] a = rng.randn(m * k, 1), b = rng.randn(k * n, 1);
        double[] plain = new double[m * n];
        Kernels.product(a, k, 1, b, plain, m, k, n, false, false);
        double[] one = new double[m * n];
        double[] two = new double[m * n];
        Kernels.setThreads(1);
        Kernels.matmul(a, b, one, m, k, n);
        Kernels.setThreads(2);
        Kernels.matmul(a, b, two, m, k, n);
        Kernels.setThreads(Runtime.getRuntime().availableProcessors());
        assertArrayEquals(one, two, 0.0, "results must not depend on the number of threads");
        assertClose(plain, one);
    }

    @Test
    void theTestBuildUsesTheVectorApi() {
        assertTrue(Kernels.VECTOR, "surefire's argLine adds jdk.incubator.vector, so the fast path must be active");
    }

    @Test
    void softmaxRowsSumToOne() {
        double[] x = {1, 2, 3, 1000, 1000, 1000};
        Kernels.softmaxRows(x, 2, 3);
        assertEquals(1.0, x[0] + x[1] + x[2], 1e-15);
        assertEquals(1.0 / 3, x[4], 1e-15);
        assertTrue(x[2] > x[1] && x[1] > x[0]);
    }
}
