package dl2.common;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix products of {@link Kernels} written with the JDK's Vector API (incubating in Java 17), used
 * when the JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code dl2} launcher and the
 * test build do this) and not switched off with {@code -Ddl2.vector=false}.
 *
 * <p>One register-blocked micro-kernel computes a 4-row × 2-vector tile of {@code c}, keeping the eight
 * accumulators in registers across the whole inner dimension: each loaded value of {@code b} feeds four
 * fused multiply-adds. Column strips run outermost so that the strip of {@code b} stays in the L1 cache while
 * every row block passes over it. Plain Java cannot express such a tile (HotSpot only vectorises innermost
 * loops), which is why this class exists; {@link Kernels} falls back to plain loops without it.
 *
 * <p>Every element of {@code c} is one sum over the inner index in increasing order, whatever the tile or
 * thread, so results do not depend on the number of threads.
 *
 * <p>Only operations whose result IEEE 754 fixes are used (add, multiply, fused multiply-add, divide, compare,
 * bit moves): the Vector API computes those identically before and after the JIT compiles a loop. Its own
 * {@code EXP}, {@code TANH} and lane reductions do not promise that, so {@link #exp} is written out here and
 * lane sums are added in a fixed order; the same seed then gives the same numbers in every run.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Width of one column strip: the tile's two vectors. Threads split columns at multiples of it. */
    static final int STRIP = 2 * L;

    private VectorKernels() {
    }

    /**
     * Rows {@code [r0, r1)} and columns {@code [j0, j1)} of {@code c (rows, n) (+)= A · b}, where {@code A (rows, inner)} is read from
     * {@code a} at {@code a[r * rowStride + q * innerStride]} (so one kernel serves both {@code a · b} and
     * {@code aᵀ · b}) and {@code b (inner, n)} is row-major.
     */
    static void product(double[] a, int rowStride, int innerStride, double[] b, double[] c,
                        int inner, int n, boolean accumulate, int r0, int r1, int j0, int j1) {
        int j = j0;
        for (; j + STRIP <= j1; j += STRIP) {
            int r = r0;
            for (; r + 4 <= r1; r += 4) {
                tile4(a, rowStride, innerStride, b, c, r, inner, n, j, accumulate);
            }
            for (; r < r1; r++) {
                tile1(a, rowStride, innerStride, b, c, r, inner, n, j, accumulate);
            }
        }
        if (j + L <= j1) {                                   // one vector's width left: a narrower tile
            for (int r = r0; r < r1; r++) {
                tileNarrow(a, rowStride, innerStride, b, c, r, inner, n, j, accumulate);
            }
            j += L;
        }
        for (; j < j1; j++) {
            for (int r = r0; r < r1; r++) {
                double s = accumulate ? c[r * n + j] : 0.0;
                for (int q = 0; q < inner; q++) {
                    s = Math.fma(a[r * rowStride + q * innerStride], b[q * n + j], s);
                }
                c[r * n + j] = s;
            }
        }
    }

    private static void tile4(double[] a, int rs, int qs, double[] b, double[] c,
                              int r, int inner, int n, int j, boolean accumulate) {
        int c0 = r * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        DoubleVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate) {
            s00 = DoubleVector.fromArray(S, c, c0);
            s01 = DoubleVector.fromArray(S, c, c0 + L);
            s10 = DoubleVector.fromArray(S, c, c1);
            s11 = DoubleVector.fromArray(S, c, c1 + L);
            s20 = DoubleVector.fromArray(S, c, c2);
            s21 = DoubleVector.fromArray(S, c, c2 + L);
            s30 = DoubleVector.fromArray(S, c, c3);
            s31 = DoubleVector.fromArray(S, c, c3 + L);
        } else {
            s00 = DoubleVector.zero(S);
            s01 = s00;
            s10 = s00;
            s11 = s00;
            s20 = s00;
            s21 = s00;
            s30 = s00;
            s31 = s00;
        }
        int a0 = r * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int q = 0; q < inner; q++) {
            int bq = q * n + j;
            int aq = q * qs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bq);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bq + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + aq]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(S, a[a1 + aq]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(S, a[a2 + aq]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(S, a[a3 + aq]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
    }

    private static void tileNarrow(double[] a, int rs, int qs, double[] b, double[] c,
                                   int r, int inner, int n, int j, boolean accumulate) {
        int c0 = r * n + j;
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, c, c0) : DoubleVector.zero(S);
        int a0 = r * rs;
        for (int q = 0; q < inner; q++) {
            s0 = DoubleVector.broadcast(S, a[a0 + q * qs]).fma(DoubleVector.fromArray(S, b, q * n + j), s0);
        }
        s0.intoArray(c, c0);
    }

    private static void tile1(double[] a, int rs, int qs, double[] b, double[] c,
                              int r, int inner, int n, int j, boolean accumulate) {
        int c0 = r * n + j;
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, c, c0) : DoubleVector.zero(S);
        DoubleVector s1 = accumulate ? DoubleVector.fromArray(S, c, c0 + L) : DoubleVector.zero(S);
        int a0 = r * rs;
        for (int q = 0; q < inner; q++) {
            int bq = q * n + j;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + q * qs]);
            s0 = x.fma(DoubleVector.fromArray(S, b, bq), s0);
            s1 = x.fma(DoubleVector.fromArray(S, b, bq + L), s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
    }

    /**
     * Rows {@code [r0, r1)} of {@code c (m, k) (+)= a (m, n) · b (k, n)ᵀ}: every element is a dot product of two
     * rows, so this tile keeps 4 × 2 vector sums over {@code n} and adds their lanes at the end. No transpose of
     * {@code b} is made.
     */
    static void productABt(double[] a, double[] b, double[] c, int n, int k, boolean accumulate, int r0, int r1) {
        double[] lanes = new double[8 * L];   // the tile's sums, lane by lane, reused by every tile of this range
        int r = r0;
        for (; r + 4 <= r1; r += 4) {
            int p = 0;
            for (; p + 2 <= k; p += 2) {
                dots4x2(a, b, c, n, k, r, p, accumulate, lanes);
            }
            for (; p < k; p++) {
                for (int i = r; i < r + 4; i++) {
                    c[i * k + p] = dot(a, i * n, b, p * n, n, lanes) + (accumulate ? c[i * k + p] : 0.0);
                }
            }
        }
        for (; r < r1; r++) {
            for (int p = 0; p < k; p++) {
                c[r * k + p] = dot(a, r * n, b, p * n, n, lanes) + (accumulate ? c[r * k + p] : 0.0);
            }
        }
    }

    private static void dots4x2(double[] a, double[] b, double[] c, int n, int k, int r, int p, boolean accumulate,
                                double[] lanes) {
        int a0 = r * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n, b0 = p * n, b1 = b0 + n;
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int j = 0;
        for (; j + L <= n; j += L) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, b0 + j);
            DoubleVector y1 = DoubleVector.fromArray(S, b, b1 + j);
            DoubleVector x = DoubleVector.fromArray(S, a, a0 + j);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.fromArray(S, a, a1 + j);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.fromArray(S, a, a2 + j);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.fromArray(S, a, a3 + j);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s10.intoArray(lanes, 2 * L);
        s11.intoArray(lanes, 3 * L);
        s20.intoArray(lanes, 4 * L);
        s21.intoArray(lanes, 5 * L);
        s30.intoArray(lanes, 6 * L);
        s31.intoArray(lanes, 7 * L);
        for (int i = 0; i < 4; i++) {
            int ai = a0 + i * n;
            for (int q = 0; q < 2; q++) {
                int bq = b0 + q * n;
                double s = sumLanes(lanes, (i * 2 + q) * L);
                for (int jj = j; jj < n; jj++) {
                    s = Math.fma(a[ai + jj], b[bq + jj], s);
                }
                int ci = (r + i) * k + p + q;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /** {@code Σ_j a[ao + j] · b[bo + j]} over {@code n} elements: vector sums, then the lanes, then the tail. */
    private static double dot(double[] a, int ao, double[] b, int bo, int n, double[] lanes) {
        DoubleVector s = DoubleVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            s = DoubleVector.fromArray(S, a, ao + j).fma(DoubleVector.fromArray(S, b, bo + j), s);
        }
        s.intoArray(lanes, 0);
        double t = sumLanes(lanes, 0);
        for (; j < n; j++) {
            t = Math.fma(a[ao + j], b[bo + j], t);
        }
        return t;
    }

    /** The {@code L} lanes starting at {@code from}, added left to right (a fixed order, unlike a lane reduction). */
    private static double sumLanes(double[] lanes, int from) {
        double t = 0;
        for (int i = from; i < from + L; i++) {
            t += lanes[i];
        }
        return t;
    }

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** 1.5 · 2⁵²: adding it rounds a double to an integer, which then sits in the low bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** 1/k! for k = 0..13: the Taylor series of e^r, enough for |r| ≤ ln2 / 2 to about one unit in the last place. */
    private static final double[] INV_FACTORIAL = {
        1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0};

    /**
     * e^v lane by lane, within about two units in the last place: {@code v = k·ln2 + r} with integer {@code k} and
     * {@code |r| ≤ ln2/2}, then {@code e^v = 2^k · e^r} with e^r from its Taylor series. Inputs are clamped to
     * [−708, 709], where e^v is a normal double.
     */
    static DoubleVector exp(DoubleVector v) {
        DoubleVector x = v.max(-708.0).min(709.0);
        DoubleVector shifted = x.fma(LOG2E, SHIFTER);                 // k + 1.5·2⁵², k = round(x / ln2)
        DoubleVector k = shifted.sub(SHIFTER);
        DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), x);                           // r = x − k·ln2, in two parts for accuracy
        r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(S, INV_FACTORIAL[13]);
        for (int i = 12; i >= 0; i--) {
            p = p.fma(r, DoubleVector.broadcast(S, INV_FACTORIAL[i]));
        }
        LongVector kBits = (LongVector) shifted.reinterpretAsLongs();
        DoubleVector twoToK = kBits.sub(SHIFTER_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(twoToK);
    }

    /** σ(v) = 1 / (1 + e^−v), lane by lane. */
    static DoubleVector sigmoid(DoubleVector v) {
        return DoubleVector.broadcast(S, 1.0).div(exp(v.neg()).add(1.0));
    }

    /** tanh(v) = sign(v) · (1 − e) / (1 + e) with e = e^−2|v|, lane by lane. */
    static DoubleVector tanh(DoubleVector v) {
        DoubleVector e = exp(v.abs().mul(-2.0));
        DoubleVector t = DoubleVector.broadcast(S, 1.0).sub(e).div(e.add(1.0));
        VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
        return t.blend(t.neg(), negative);
    }

    /** Rows {@code [n0, n1)} of {@link Kernels#lstmForward}, {@code L} columns at a time. */
    static void lstmForward(double[] gates, double[] cPrev, double[] cNext, double[] tanhC, double[] hNext,
                            int H, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int a = n * 4 * H;
            int s = n * H;
            int j = 0;
            for (; j + L <= H; j += L) {
                DoubleVector f = sigmoid(DoubleVector.fromArray(S, gates, a + j));
                DoubleVector g = tanh(DoubleVector.fromArray(S, gates, a + H + j));
                DoubleVector i = sigmoid(DoubleVector.fromArray(S, gates, a + 2 * H + j));
                DoubleVector o = sigmoid(DoubleVector.fromArray(S, gates, a + 3 * H + j));
                f.intoArray(gates, a + j);
                g.intoArray(gates, a + H + j);
                i.intoArray(gates, a + 2 * H + j);
                o.intoArray(gates, a + 3 * H + j);
                DoubleVector c = f.mul(DoubleVector.fromArray(S, cPrev, s + j)).add(g.mul(i));
                DoubleVector tc = tanh(c);
                c.intoArray(cNext, s + j);
                tc.intoArray(tanhC, s + j);
                o.mul(tc).intoArray(hNext, s + j);
            }
            Kernels.lstmForwardScalar(gates, cPrev, cNext, tanhC, hNext, H, n, j);
        }
    }

    /** Rows {@code [n0, n1)} of {@link Kernels#lstmBackward}, {@code L} columns at a time. */
    static void lstmBackward(double[] gates, double[] cPrev, double[] tanhC, double[] dhNext, double[] dcNext,
                             double[] dA, double[] dcPrev, int H, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int a = n * 4 * H;
            int s = n * H;
            int j = 0;
            for (; j + L <= H; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, gates, a + j);
                DoubleVector g = DoubleVector.fromArray(S, gates, a + H + j);
                DoubleVector i = DoubleVector.fromArray(S, gates, a + 2 * H + j);
                DoubleVector o = DoubleVector.fromArray(S, gates, a + 3 * H + j);
                DoubleVector tc = DoubleVector.fromArray(S, tanhC, s + j);
                DoubleVector dh = DoubleVector.fromArray(S, dhNext, s + j);
                DoubleVector ds = DoubleVector.fromArray(S, dcNext, s + j).add(dh.mul(o).mul(tc.mul(tc).neg().add(1.0)));
                ds.mul(f).intoArray(dcPrev, s + j);
                ds.mul(DoubleVector.fromArray(S, cPrev, s + j)).mul(f).mul(f.neg().add(1.0)).intoArray(dA, a + j);
                ds.mul(i).mul(g.mul(g).neg().add(1.0)).intoArray(dA, a + H + j);
                ds.mul(g).mul(i).mul(i.neg().add(1.0)).intoArray(dA, a + 2 * H + j);
                dh.mul(tc).mul(o).mul(o.neg().add(1.0)).intoArray(dA, a + 3 * H + j);
            }
            Kernels.lstmBackwardScalar(gates, cPrev, tanhC, dhNext, dcNext, dA, dcPrev, H, n, j);
        }
    }
}
