package dl2.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The products against a naive triple loop, on both paths (Vector API and plain), many shapes and thread counts. */
class KernelsTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 3, 5}, {2, 3, 4}, {3, 5, 7}, {5, 7, 17}, {4, 16, 16}, {9, 33, 40}, {13, 20, 37}, {12, 9, 24},
        {64, 70, 130}, {7, 100, 301}, {9, 600, 20}, {21, 520, 50},
        {40, 37, 20}, {130, 300, 16}};  // more rows than columns: threads split the rows

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

                double[] bias = rng.randn(n, 1), withBias = expected.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        withBias[i * n + j] += bias[j];
                    }
                }
                Kernels.matmulBias(a, b, bias, c, m, k, n);
                assertClose(withBias, c);
                Kernels.matmulABtBias(a, bt, bias, c, m, k, n);
                assertClose(withBias, c);

                Kernels.Packed packed = Kernels.pack(b, k, n, null);
                Kernels.matmul(a, packed, c, m);
                assertClose(expected, c);
                Kernels.matmulBias(a, Kernels.pack(b, k, n, packed), bias, c, m);   // reusing its array
                assertClose(withBias, c);
                Kernels.matmul(a, Kernels.packTransposed(bt, n, k, null), c, m);
                assertClose(expected, c);

                int k1 = k / 3;                                  // b as [top; bottom], split inside a strip or block
                double[] top = java.util.Arrays.copyOfRange(b, 0, k1 * n), bottom = java.util.Arrays.copyOfRange(b, k1 * n, k * n);
                Kernels.Packed stacked = Kernels.packStacked(top, k1, bottom, k - k1, n, null);
                Kernels.matmul(a, stacked, c, m);
                assertClose(expected, c);
                int n1 = n / 3;                                  // bt as [top; bottom]: a · [top; bottom]ᵀ == a · b
                double[] btTop = java.util.Arrays.copyOfRange(bt, 0, n1 * k), btBottom = java.util.Arrays.copyOfRange(bt, n1 * k, n * k);
                Kernels.matmul(a, Kernels.packStackedTransposed(btTop, n1, btBottom, n - n1, k, stacked), c, m);   // one array for both forms
                assertClose(expected, c);
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
        Kernels.product(a, k, 1, b, n, 1, null, plain, null, m, k, n, false, false);
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
    void batchedAttentionKernelsMatchNaiveLoopsWhateverTheThreads() {
        Rng rng = new Rng(9);
        for (int[] s : new int[][] {{1, 1, 1}, {3, 4, 5}, {2, 7, 17}, {64, 29, 256}}) {
            int N = s[0], T = s[1], H = s[2];
            double[] m = rng.randn(N * T * H, 1), v = rng.randn(N * H, 1), w = rng.randn(N * T, 1);
            double[] matVec = new double[N * T], vecMat = new double[N * H], outer = m.clone();
            for (int n = 0; n < N; n++) {
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < H; j++) {
                        matVec[n * T + t] += m[(n * T + t) * H + j] * v[n * H + j];
                        vecMat[n * H + j] += w[n * T + t] * m[(n * T + t) * H + j];
                        outer[(n * T + t) * H + j] += w[n * T + t] * v[n * H + j];
                    }
                }
            }
            double[][] byThreads = new double[3][];
            for (int threads = 1; threads <= 2; threads++) {
                Kernels.setThreads(threads);
                double[] mv = new double[N * T], vm = new double[N * H], o = m.clone();
                Kernels.batchedMatVec(m, v, mv, N, T, H);
                Kernels.batchedVecMat(w, m, vm, N, T, H);
                Kernels.batchedOuterAcc(w, v, o, N, T, H);
                assertClose(matVec, mv);
                assertClose(vecMat, vm);
                assertClose(outer, o);
                byThreads[threads] = mv;
            }
            Kernels.setThreads(Runtime.getRuntime().availableProcessors());
            assertArrayEquals(byThreads[1], byThreads[2], 0.0, "results must not depend on the number of threads");
        }
    }

    /** {@code aᵀ · b} with {@code a} one step {@code hs[:, t, :]} of a sequence, read in place: the same bits as from a copy. */
    @Test
    void weightGradientReadsOneStepOfASequenceInPlace() {
        Rng rng = new Rng(12);
        int N = 21, T = 4, H = 19, n = 40;  // rows and columns off the 8-row panels and 16-column strips
        double[] hs = rng.randn(N * T * H, 1), dA = rng.randn(N * n, 1);
        for (int t = 0; t < T; t++) {
            double[] step = new double[N * H];
            for (int r = 0; r < N; r++) {
                System.arraycopy(hs, (r * T + t) * H, step, r * H, H);
            }
            double[] fromCopy = rng.randn(H * n, 1), inPlace = fromCopy.clone();
            Kernels.matmulAtBAccColumns(step, dA, fromCopy, N, H, n, 0, n);
            Kernels.matmulAtBAccColumns(hs, t * H, T * H, dA, inPlace, N, H, n, 0, n);
            assertArrayEquals(fromCopy, inPlace, 0.0, "step " + t);
        }
    }

    @Test
    void theTestBuildUsesTheVectorApi() {
        assumeFalse("false".equals(System.getProperty("dl2.vector")), "the plain-kernels test run switches it off");
        assertTrue(Kernels.VECTOR, "surefire's argLine adds jdk.incubator.vector, so the fast path must be active");
    }

    @Test
    void lstmStepVectorPathMatchesTheScalarLoop() {
        Rng rng = new Rng(9);
        int N = 3, H = 19;  // two full vectors and a scalar tail per row
        double[] gates = rng.randn(N * 4 * H, 2), cPrev = rng.randn(N * H, 1);
        double[] g1 = gates.clone(), c1 = new double[N * H], h1 = new double[N * H];
        Kernels.lstmForwardRows(g1, cPrev, c1, h1, H, 0, N);
        double[] g2 = gates.clone(), c2 = new double[N * H], h2 = new double[N * H];
        for (int n = 0; n < N; n++) {
            Kernels.lstmForwardScalar(g2, cPrev, c2, h2, H, n);
        }
        assertClose(g2, g1);
        assertClose(c2, c1);
        assertClose(h2, h1);
        double[] g3 = gates.clone();
        Kernels.lstmGatesRows(g3, H, 0, N);
        assertArrayEquals(g1, g3, 0.0, "the gates computed again must be the very gates of the forward step");

        double[] dh = rng.randn(N * H, 1), dc = rng.randn(N * H, 1);
        double[] dA1 = new double[N * 4 * H], dcp1 = new double[N * H];
        Kernels.lstmBackwardRows(g1, cPrev, c1, dh, dc, dA1, dcp1, H, 0, N);
        double[] inPlace = g1.clone(), dcp3 = new double[N * H];
        Kernels.lstmBackwardRows(inPlace, cPrev, c1, dh, dc, inPlace, dcp3, H, 0, N);
        assertArrayEquals(dA1, inPlace, 0.0, "dA written over the gates must equal dA written apart");
        double[] dA2 = new double[N * 4 * H], dcp2 = new double[N * H];
        double[] tanhC = new double[H];
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < H; j++) {
                tanhC[j] = Math.tanh(c2[n * H + j]);
            }
            Kernels.lstmBackwardScalar(g2, cPrev, tanhC, 0, dh, dc, dA2, dcp2, H, n, 0);
        }
        assertClose(dA2, dA1);
        assertClose(dcp2, dcp1);
    }

    @Test
    void timeLstmGradientsHoldOnTheVectorPath() {
        Rng rng = new Rng(11);
        int N = 2, T = 3, D = 5, H = 9;  // H > one vector: the vectorised step is exercised
        dl2.common.timelayers.TimeLSTM lstm = new dl2.common.timelayers.TimeLSTM(
                Tensor.randn(rng, 0.5, D, 4 * H), Tensor.randn(rng, 0.5, H, 4 * H), Tensor.randn(rng, 0.5, 4 * H));
        GradientChecker.withDefaults().checkLayer(lstm, Tensor.randn(rng, 1, N, T, D), 13).assertPassed();
    }

    @Test
    void vectorExpSigmoidAndTanhAreAccurate() {
        assumeTrue(Kernels.VECTOR, "needs the JDK's Vector API, which the plain-kernels run leaves out");
        int L = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        double[] xs = {-800, -708, -50, -3.7, -1, -0.3, -1e-9, 0, 1e-12, 0.25, 0.5, 1, 2.5, 20, 700, 709};
        for (int start = 0; start < xs.length; start += L) {
            double[] in = new double[L];
            for (int i = 0; i < L; i++) {
                in[i] = xs[(start + i) % xs.length];
            }
            double[] e = in.clone(), s = in.clone(), t = in.clone();
            VectorKernels.expInPlace(e, 0, L);
            VectorKernels.sigmoidInPlace(s, 0, L);
            VectorKernels.tanhInPlace(t, 0, L, new double[L]);
            for (int i = 0; i < L; i++) {
                double x = in[i];
                double expected = x < -708 ? 0 : Math.exp(Math.min(709, x));
                assertEquals(expected, e[i], 4 * Math.ulp(expected), "exp(" + x + ")");
                assertEquals(1 / (1 + Math.exp(-x)), s[i], 1e-15, "sigmoid(" + x + ")");
                assertEquals(Math.tanh(x), t[i], 1e-15, "tanh(" + x + ")");
            }
        }
    }

    @Test
    void softmaxRowsSumToOne() {
        double[] x = {1, 2, 3, 1000, 1000, 1000};
        Kernels.softmaxRows(x, x, 2, 3);
        assertEquals(1.0, x[0] + x[1] + x[2], 1e-15);
        assertEquals(1.0 / 3, x[4], 1e-15);
        assertTrue(x[2] > x[1] && x[1] > x[0]);
    }
}
