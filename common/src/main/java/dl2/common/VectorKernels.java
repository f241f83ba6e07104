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
 * <p>One register-blocked micro-kernel computes an 8-row × 2-vector tile of {@code c}, keeping the sixteen
 * accumulators in registers across a block of the inner dimension: each loaded vector of {@code b} feeds eight
 * fused multiply-adds (smaller 4-row and 1-row tiles finish the last rows). It reads {@code A} and {@code b} from
 * packed copies (panels of 8 rows, strips of 16 columns), which also lets one kernel read either matrix
 * transposed. Column strips run outermost so that the packed strip of {@code b} stays in the L1 cache while every
 * row block passes over it. Plain Java cannot express such a tile (HotSpot only vectorises innermost loops), which
 * is why this class exists; {@link Kernels} falls back to plain loops without it.
 *
 * <p>Every element of {@code c} is one sum over the inner index in increasing order, whatever the tile or
 * thread, so results do not depend on the number of threads.
 *
 * <p>Only operations whose result IEEE 754 fixes are used (add, multiply, fused multiply-add, divide, compare,
 * bit moves): the Vector API computes those identically before and after the JIT compiles a loop. Its own
 * {@code EXP}, {@code TANH} and lane reductions do not promise that, so {@link #expInPlace} is written out here and
 * no product adds the lanes of a vector; the same seed then gives the same numbers in every run.
 *
 * <p>Nor do the numbers depend on the width of the CPU's vectors (8 doubles with AVX-512, 4 with AVX2 or AVX, 2 with
 * SSE): the loops whose last elements are computed otherwise than the vector lanes (sums, and {@code exp}, whose
 * tail calls {@link Math#exp}) go through their data in groups of {@link #GROUP} elements, one to four vectors a
 * group, and keep one partial sum per position in the group.
 */
final class VectorKernels {
    /** The CPU's widest vectors, but at most 8 doubles so that they divide a {@link #GROUP}. */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED.length() > 8
            ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per step of the width-independent loops: 8, the vector length of AVX-512. */
    private static final int GROUP = 8;
    /**
     * True on x86 without AVX-512, whose 16 vector registers cannot hold {@link #tile8}'s sixteen sums and three
     * operands: the JIT would spill them to memory at every step (measured: the LSTM products at 40–49 % of the
     * 256-bit peak). {@link #tile4} then computes each half of a panel: the same sums in the same order.
     */
    private static final boolean FEW_REGISTERS = L < 8 && System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");

    /** Width of one column strip: the tile's two vectors. Threads split columns at multiples of it. */
    static final int STRIP = 2 * L;

    private VectorKernels() {
    }

    /**
     * Rows {@code [r0, r1)} and columns {@code [j0, j1)} of {@code c (rows, n) (+)= A · B}. {@code A (rows, inner)} is
     * read at {@code a[ao + r * ars + q * aqs]} and {@code B (inner, n)} at {@code b[q * bqs + j * bjs]}: strides
     * {@code (k, 1)} read a row-major matrix, {@code (1, k)} its transpose, so one kernel serves {@code a · b},
     * {@code aᵀ · b} and {@code a · bᵀ} without a transposed copy. Without {@code accumulate}, each sum starts from
     * {@code bias[j]} when a bias row is given ({@code c = bias + A · B}, the bias added in the same pass), else from 0.
     * {@code j0} must be a multiple of {@link #STRIP}. When {@code packedB} is not null it holds {@code B} already
     * packed by {@link #packStacked}, and {@code b} is not read.
     */
    static void product(double[] a, int ao, int ars, int aqs, double[] b, int bqs, int bjs, double[] packedB, double[] c,
                        double[] bias, int inner, int n, boolean accumulate, int r0, int r1, int j0, int j1) {
        Kernels.Scratch scratch = Kernels.SCRATCH.get();
        int q0 = 0;
        do {
            int q1 = Math.min(inner, q0 + INNER_BLOCK);
            productBlock(scratch, a, ao, ars, aqs, b, bqs, bjs, packedB, c, bias, q0, q1, n, accumulate || q0 > 0, r0, r1, j0, j1);
            q0 = q1;
        } while (q0 < inner);
    }

    /**
     * Rows of the inner dimension taken at a time: a packed strip of {@code B} that long (256 × 16 doubles, 32 KB)
     * stays in the L1 cache while every row block passes over it. The sums continue from one block to the next in
     * {@code c}, so every element is still one sum in increasing order of the inner index.
     */
    static final int INNER_BLOCK = 256;

    /**
     * {@link #product} over the inner indices {@code [q0, q1)} only. The rows of {@code A} go to the tiles in
     * packed panels of 8 rows, {@code ap[(p · kc + q) · 8 + i] = A[r0 + 8p + i, q0 + q]}, and each strip of 16
     * columns of {@code B} in a packed {@code kc × 16} panel: the main tile then reads both at fixed strides, so
     * the JIT checks array bounds once per tile instead of at every load, and every cache line read is used whole.
     * The last rows, which do not fill a panel, are read in place by the smaller tiles. A last strip narrower than
     * 16 columns is packed with zero columns after it and computed into a scratch block, whose first columns are
     * then copied to {@code c}: each kept element is the same sum, in the same order, as in a whole strip.
     */
    private static void productBlock(Kernels.Scratch work, double[] a, int ao, int ars, int aqs, double[] b, int bqs, int bjs,
                                     double[] packedB, double[] c, double[] bias, int q0, int q1, int n,
                                     boolean accumulate, int r0, int r1, int j0, int j1) {
        int kc = q1 - q0;
        int panels = (r1 - r0) / 8;
        double[] ap = work.panelA = Kernels.Scratch.atLeast(work.panelA, panels * 8 * kc);
        double[] bp = packedB != null ? packedB : (work.stripB = Kernels.Scratch.atLeast(work.stripB, kc * STRIP));
        packRows(a, ao, ars, aqs, r0, panels, q0, kc, ap);
        for (int j = j0; j < j1; j += STRIP) {
            int w = Math.min(STRIP, j1 - j);
            int bpBase = 0;
            if (packedB != null) {
                bpBase = packedAt(n, q0, kc, j);
            } else {
                packStrip(b, bqs, bjs, q0, kc, j, w, bp, 0);
            }
            if (w == STRIP) {
                strip(ap, panels, a, ao, ars, aqs, q0, kc, bp, bpBase, c, n, 0, j, bias, j, accumulate, r0, r1);
                continue;
            }
            double[] cs = work.blockC = Kernels.Scratch.atLeast(work.blockC, (r1 - r0) * STRIP + STRIP);  // the block's rows, then the bias row
            int biasRow = (r1 - r0) * STRIP;
            for (int r = r0; r < r1; r++) {
                int o = (r - r0) * STRIP;
                if (accumulate) {
                    System.arraycopy(c, r * n + j, cs, o, w);
                }
                java.util.Arrays.fill(cs, o + w, o + STRIP, 0.0);
            }
            if (bias != null) {
                System.arraycopy(bias, j, cs, biasRow, w);
                java.util.Arrays.fill(cs, biasRow + w, biasRow + STRIP, 0.0);
            }
            strip(ap, panels, a, ao, ars, aqs, q0, kc, bp, bpBase, cs, STRIP, r0, 0, bias == null ? null : cs, biasRow, accumulate, r0, r1);
            for (int r = r0; r < r1; r++) {
                System.arraycopy(cs, (r - r0) * STRIP, c, r * n + j, w);
            }
        }
    }

    /**
     * One strip of 16 columns for rows {@code [r0, r1)}: row {@code r} of the strip is {@code out[(r − outRow0) · ldo
     * + outCol ...]}, its starting values (without {@code accumulate}) {@code bias[bo ...]} or zeros.
     */
    private static void strip(double[] ap, int panels, double[] a, int ao, int ars, int aqs, int q0, int kc, double[] bp,
                              int bpBase, double[] out, int ldo, int outRow0, int outCol, double[] bias, int bo,
                              boolean accumulate, int r0, int r1) {
        int r = r0;
        for (int p = 0; p < panels; p++, r += 8) {
            int o = (r - outRow0) * ldo + outCol;
            if (FEW_REGISTERS) {   // the panel's two halves, read in the packed panel: ap[p·8·kc + q·8 + i]
                tile4(ap, p * 8 * kc, 1, 8, bp, bpBase, kc, out, o, ldo, bias, bo, accumulate);
                tile4(ap, p * 8 * kc + 4, 1, 8, bp, bpBase, kc, out, o + 4 * ldo, ldo, bias, bo, accumulate);
            } else {
                tile8(ap, p * 8 * kc, bp, bpBase, kc, out, o, ldo, bias, bo, accumulate);
            }
        }
        for (; r + 4 <= r1; r += 4) {
            tile4(a, ao + r * ars + q0 * aqs, ars, aqs, bp, bpBase, kc, out, (r - outRow0) * ldo + outCol, ldo, bias, bo, accumulate);
        }
        for (; r < r1; r++) {
            tile1(a, ao + r * ars + q0 * aqs, aqs, bp, bpBase, kc, out, (r - outRow0) * ldo + outCol, bias, bo, accumulate);
        }
    }

    /** The length of {@code B (inner, n)} packed by {@link #packStacked}: every strip padded to 16 columns. */
    static int packedSize(int inner, int n) {
        return inner * strips(n) * STRIP;
    }

    private static int strips(int n) {
        return (n + STRIP - 1) / STRIP;
    }

    /**
     * Columns {@code [j0, j1)} ({@code j0} a multiple of 16) of {@code B (inner, n)} packed into {@code into} where
     * {@link #productBlock} reads them: for each block of {@link #INNER_BLOCK} inner indices, its strips one after the
     * other, each as {@link #productBlock} packs one, so that products by the same {@code B} (the LSTM's weights, at
     * every step of a sequence) pack it only once. {@code B} is {@code M = [top; bottom]}, {@code top}'s {@code k1}
     * rows over {@code bottom}'s, both row-major with {@code m} columns, read as it is or {@code transposed}: the
     * LSTM's {@code [Wx; Wh]} and its transpose, packed without a stacked copy.
     */
    static void packStacked(double[] top, int k1, double[] bottom, int m, boolean transposed, int inner, int n,
                            double[] into, int j0, int j1) {
        for (int q0 = 0; q0 < inner; q0 += INNER_BLOCK) {
            int kc = Math.min(inner, q0 + INNER_BLOCK) - q0;
            for (int j = j0; j < j1; j += STRIP) {
                int w = Math.min(STRIP, n - j);
                int at = packedAt(n, q0, kc, j);
                if (w < STRIP) {
                    java.util.Arrays.fill(into, at, at + kc * STRIP, 0.0);
                }
                if (!transposed) {                       // B = M: its rows [q0, q0 + kc) from top, then from bottom
                    int split = Math.max(q0, Math.min(k1, q0 + kc));
                    packColumns(top, m, 1, q0, split - q0, j, w, into, at);
                    packColumns(bottom, m, 1, split - k1, q0 + kc - split, j, w, into, at + (split - q0) * STRIP);
                } else {                                 // B = Mᵀ: its columns [j, j + w) are rows of M
                    int split = Math.max(j, Math.min(k1, j + w));
                    packColumns(top, 1, m, q0, kc, j, split - j, into, at);
                    packColumns(bottom, 1, m, q0, kc, split - k1, j + w - split, into, at + (split - j));
                }
            }
        }
    }

    /** Where the strip of columns {@code [j, j + 16)} of the inner block starting at {@code q0} lies in a packed {@code B}. */
    private static int packedAt(int n, int q0, int kc, int j) {
        return q0 * strips(n) * STRIP + j / STRIP * kc * STRIP;
    }

    /** Rows {@code [r0, r0 + 8 · panels)} of {@code A}, inner indices {@code [q0, q0 + kc)}, into panels of 8 rows (see {@link #productBlock}). */
    private static void packRows(double[] a, int ao, int ars, int aqs, int r0, int panels, int q0, int kc, double[] ap) {
        for (int p = 0; p < panels; p++) {
            int from = ao + (r0 + 8 * p) * ars + q0 * aqs;
            int to = p * 8 * kc;
            for (int q = 0; q < kc; q++, from += aqs, to += 8) {
                for (int i = 0; i < 8; i++) {
                    ap[to + i] = a[from + i * ars];
                }
            }
        }
    }

    /**
     * Columns {@code [j, j + w)} of {@code B}, inner indices {@code [q0, q0 + kc)}, into one contiguous {@code kc × 16}
     * panel at {@code bp[at..]}, zeros in its columns from {@code w} on.
     */
    private static void packStrip(double[] b, int bqs, int bjs, int q0, int kc, int j, int w, double[] bp, int at) {
        if (w < STRIP) {
            java.util.Arrays.fill(bp, at, at + kc * STRIP, 0.0);
        }
        packColumns(b, bqs, bjs, q0, kc, j, w, bp, at);
    }

    /**
     * Columns {@code [j, j + w)} of {@code B} (read at {@code b[q * bqs + j * bjs]}), inner indices
     * {@code [q0, q0 + kc)}: column {@code j + l} of inner index {@code q0 + q} goes to {@code bp[at + q · 16 + l]}.
     */
    private static void packColumns(double[] b, int bqs, int bjs, int q0, int kc, int j, int w, double[] bp, int at) {
        if (bjs == 1 && w == STRIP) {
            for (int q = 0; q < kc; q++) {
                System.arraycopy(b, (q0 + q) * bqs + j, bp, at + q * STRIP, STRIP);
            }
            return;
        }
        for (int l = 0; l < w; l++) {
            int from = q0 * bqs + (j + l) * bjs;
            for (int q = 0; q < kc; q++, from += bqs) {
                bp[at + q * STRIP + l] = b[from];
            }
        }
    }

    /** The starting value of a tile's sums in columns {@code [bo, bo + L)}: the bias, or zeros without one. */
    private static DoubleVector start(double[] bias, int bo) {
        return bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, bo);
    }

    /**
     * The main tile: 8 rows × 2 vectors of the output, sixteen accumulators that stay in registers over the whole
     * inner block. Each step loads two vectors of the packed strip {@code bp} and eight values of the packed rows
     * {@code ap[at..]}, and makes sixteen fused multiply-adds: enough independent sums to keep both FMA units busy
     * through their latency. Row {@code i} of the tile is {@code out[o + i · ldo ...]}.
     */
    private static void tile8(double[] ap, int at, double[] bp, int bpBase, int kc, double[] out, int o, int ldo,
                              double[] bias, int bo, boolean accumulate) {
        int c0 = o, c1 = c0 + ldo, c2 = c1 + ldo, c3 = c2 + ldo, c4 = c3 + ldo, c5 = c4 + ldo, c6 = c5 + ldo, c7 = c6 + ldo;
        DoubleVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51, s60, s61, s70, s71;
        if (accumulate) {
            s00 = DoubleVector.fromArray(S, out, c0);
            s01 = DoubleVector.fromArray(S, out, c0 + L);
            s10 = DoubleVector.fromArray(S, out, c1);
            s11 = DoubleVector.fromArray(S, out, c1 + L);
            s20 = DoubleVector.fromArray(S, out, c2);
            s21 = DoubleVector.fromArray(S, out, c2 + L);
            s30 = DoubleVector.fromArray(S, out, c3);
            s31 = DoubleVector.fromArray(S, out, c3 + L);
            s40 = DoubleVector.fromArray(S, out, c4);
            s41 = DoubleVector.fromArray(S, out, c4 + L);
            s50 = DoubleVector.fromArray(S, out, c5);
            s51 = DoubleVector.fromArray(S, out, c5 + L);
            s60 = DoubleVector.fromArray(S, out, c6);
            s61 = DoubleVector.fromArray(S, out, c6 + L);
            s70 = DoubleVector.fromArray(S, out, c7);
            s71 = DoubleVector.fromArray(S, out, c7 + L);
        } else {
            s00 = start(bias, bo);
            s01 = start(bias, bo + L);
            s10 = s00;
            s11 = s01;
            s20 = s00;
            s21 = s01;
            s30 = s00;
            s31 = s01;
            s40 = s00;
            s41 = s01;
            s50 = s00;
            s51 = s01;
            s60 = s00;
            s61 = s01;
            s70 = s00;
            s71 = s01;
        }
        for (int q = 0; q < kc; q++) {
            int bq = bpBase + q * STRIP;
            int aq = at + q * 8;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bq);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bq + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[aq]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(S, ap[aq + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(S, ap[aq + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(S, ap[aq + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = DoubleVector.broadcast(S, ap[aq + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = DoubleVector.broadcast(S, ap[aq + 5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = DoubleVector.broadcast(S, ap[aq + 6]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = DoubleVector.broadcast(S, ap[aq + 7]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        s00.intoArray(out, c0);
        s01.intoArray(out, c0 + L);
        s10.intoArray(out, c1);
        s11.intoArray(out, c1 + L);
        s20.intoArray(out, c2);
        s21.intoArray(out, c2 + L);
        s30.intoArray(out, c3);
        s31.intoArray(out, c3 + L);
        s40.intoArray(out, c4);
        s41.intoArray(out, c4 + L);
        s50.intoArray(out, c5);
        s51.intoArray(out, c5 + L);
        s60.intoArray(out, c6);
        s61.intoArray(out, c6 + L);
        s70.intoArray(out, c7);
        s71.intoArray(out, c7 + L);
    }

    /** 4 rows × 2 vectors: rows {@code [r, r + 4)} of {@code A} read in place from {@code a[a0 + i · ars + q · aqs]}. */
    private static void tile4(double[] a, int a0, int ars, int aqs, double[] bp, int bpBase, int kc, double[] out, int o, int ldo,
                              double[] bias, int bo, boolean accumulate) {
        int c0 = o, c1 = c0 + ldo, c2 = c1 + ldo, c3 = c2 + ldo;
        DoubleVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate) {
            s00 = DoubleVector.fromArray(S, out, c0);
            s01 = DoubleVector.fromArray(S, out, c0 + L);
            s10 = DoubleVector.fromArray(S, out, c1);
            s11 = DoubleVector.fromArray(S, out, c1 + L);
            s20 = DoubleVector.fromArray(S, out, c2);
            s21 = DoubleVector.fromArray(S, out, c2 + L);
            s30 = DoubleVector.fromArray(S, out, c3);
            s31 = DoubleVector.fromArray(S, out, c3 + L);
        } else {
            s00 = start(bias, bo);
            s01 = start(bias, bo + L);
            s10 = s00;
            s11 = s01;
            s20 = s00;
            s21 = s01;
            s30 = s00;
            s31 = s01;
        }
        int a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < kc; q++) {
            int bq = bpBase + q * STRIP;
            int aq = q * aqs;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bq);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bq + L);
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
        s00.intoArray(out, c0);
        s01.intoArray(out, c0 + L);
        s10.intoArray(out, c1);
        s11.intoArray(out, c1 + L);
        s20.intoArray(out, c2);
        s21.intoArray(out, c2 + L);
        s30.intoArray(out, c3);
        s31.intoArray(out, c3 + L);
    }

    /** 1 row × 2 vectors: row {@code r} of {@code A} read in place from {@code a[a0 + q · aqs]}. */
    private static void tile1(double[] a, int a0, int aqs, double[] bp, int bpBase, int kc, double[] out, int o,
                              double[] bias, int bo, boolean accumulate) {
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, out, o) : start(bias, bo);
        DoubleVector s1 = accumulate ? DoubleVector.fromArray(S, out, o + L) : start(bias, bo + L);
        for (int q = 0; q < kc; q++) {
            int bq = bpBase + q * STRIP;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + q * aqs]);
            s0 = x.fma(DoubleVector.fromArray(S, bp, bq), s0);
            s1 = x.fma(DoubleVector.fromArray(S, bp, bq + L), s1);
        }
        s0.intoArray(out, o);
        s1.intoArray(out, o + L);
    }

    /**
     * {@code Σⱼ a[ao + j] · b[bo + j]} over {@code len} elements: eight partial sums, one per position in a
     * {@link #GROUP}, added left to right (a fixed order, unlike a lane reduction), then the tail.
     */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        DoubleVector s0 = DoubleVector.zero(S);   // the partial sums of positions 0 .. L-1, L .. 2L-1, …
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int j = 0;
        for (; j + GROUP <= len; j += GROUP) {
            s0 = DoubleVector.fromArray(S, a, ao + j).fma(DoubleVector.fromArray(S, b, bo + j), s0);
            if (L <= 4) {
                s1 = DoubleVector.fromArray(S, a, ao + j + L).fma(DoubleVector.fromArray(S, b, bo + j + L), s1);
            }
            if (L <= 2) {
                s2 = DoubleVector.fromArray(S, a, ao + j + 2 * L).fma(DoubleVector.fromArray(S, b, bo + j + 2 * L), s2);
                s3 = DoubleVector.fromArray(S, a, ao + j + 3 * L).fma(DoubleVector.fromArray(S, b, bo + j + 3 * L), s3);
            }
        }
        double t = 0;                             // 0 + p₀ + p₁ + … + p₇, left to right
        for (int i = 0; i < L; i++) {
            t += s0.lane(i);
        }
        for (int i = 0; L <= 4 && i < L; i++) {
            t += s1.lane(i);
        }
        for (int i = 0; L <= 2 && i < L; i++) {
            t += s2.lane(i);
        }
        for (int i = 0; L <= 2 && i < L; i++) {
            t += s3.lane(i);
        }
        for (; j < len; j++) {
            t = Math.fma(a[ao + j], b[bo + j], t);
        }
        return t;
    }

    /** The largest of {@code x[from .. from + len)} ({@code len ≥ 1}); a maximum does not depend on the order. */
    static double max(double[] x, int from, int len) {
        double m = x[from];
        int j = 0;
        if (len >= L) {
            DoubleVector v = DoubleVector.fromArray(S, x, from);
            for (j = L; j + L <= len; j += L) {
                v = v.max(DoubleVector.fromArray(S, x, from + j));
            }
            for (int i = 0; i < L; i++) {
                m = Math.max(m, v.lane(i));
            }
        }
        for (; j < len; j++) {
            m = Math.max(m, x[from + j]);
        }
        return m;
    }

    /**
     * {@code y[i] = e^(x[i] − shift)} over {@code [from, from + len)} ({@code y} may be {@code x}), and their sum:
     * summed as in {@link #dot}. Exponents below −708 give 0 ({@link #expInPlace}).
     */
    static double expShiftedSum(double[] x, double[] y, int from, int len, double shift) {
        int j = from;
        for (; j + L <= from + len; j += L) {
            DoubleVector.fromArray(S, x, j).sub(shift).intoArray(y, j);
        }
        for (; j < from + len; j++) {
            y[j] = x[j] - shift;
        }
        expInPlace(y, from, len);
        DoubleVector s0 = DoubleVector.zero(S);   // as in dot, written out again: a vector handed to a method is not sure to stay in a register
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        j = 0;
        for (; j + GROUP <= len; j += GROUP) {
            s0 = s0.add(DoubleVector.fromArray(S, y, from + j));
            if (L <= 4) {
                s1 = s1.add(DoubleVector.fromArray(S, y, from + j + L));
            }
            if (L <= 2) {
                s2 = s2.add(DoubleVector.fromArray(S, y, from + j + 2 * L));
                s3 = s3.add(DoubleVector.fromArray(S, y, from + j + 3 * L));
            }
        }
        double t = 0;                             // 0 + p₀ + p₁ + … + p₇, left to right
        for (int i = 0; i < L; i++) {
            t += s0.lane(i);
        }
        for (int i = 0; L <= 4 && i < L; i++) {
            t += s1.lane(i);
        }
        for (int i = 0; L <= 2 && i < L; i++) {
            t += s2.lane(i);
        }
        for (int i = 0; L <= 2 && i < L; i++) {
            t += s3.lane(i);
        }
        for (; j < len; j++) {
            t += y[from + j];
        }
        return t;
    }

    /** {@code y[yo .. yo + len) += x[xo .. xo + len)}. */
    static void add(double[] x, int xo, double[] y, int yo, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            DoubleVector.fromArray(S, y, yo + j).add(DoubleVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] += x[xo + j];
        }
    }

    /** {@code y[yo .. yo + len) += alpha · x[xo .. xo + len)}, with fused multiply-adds. */
    static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        int j = 0;
        for (; j + L <= len; j += L) {
            av.fma(DoubleVector.fromArray(S, x, xo + j), DoubleVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] = Math.fma(alpha, x[xo + j], y[yo + j]);
        }
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
     * {@code x[i] = e^x[i]} over {@code [from, from + len)}, in place, within about two units in the last place:
     * {@code v = k·ln2 + r} with integer {@code k} and {@code |r| ≤ ln2/2}, then {@code e^v = 2^k · e^r} with e^r
     * from its Taylor series. Inputs below −708 give 0 (e^v would be subnormal or 0), inputs above 709 give e^709.
     *
     * <p>The activations below work on arrays in passes, each pass one loop in one method: a vector handed to a
     * method the JIT does not inline becomes an object on the heap, and the JIT does not promise to inline a
     * method as large as this one everywhere (a training run of chapter 7 once allocated 2.5 GB that way).
     */
    static void expInPlace(double[] x, int from, int len) {
        int groups = from + len / GROUP * GROUP;   // the vectors stop at the same element whatever their width
        int j = from;
        for (; j < groups; j += L) {
            DoubleVector in = DoubleVector.fromArray(S, x, j);
            DoubleVector v = in.max(-708.0).min(709.0);
            DoubleVector shifted = v.fma(LOG2E, SHIFTER);                           // k + 1.5·2⁵², k = round(v / ln2)
            DoubleVector k = shifted.sub(SHIFTER);
            DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), v);          // r = v − k·ln2, in two parts
            r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
            DoubleVector p = DoubleVector.broadcast(S, INV_FACTORIAL[13]);
            for (int i = 12; i >= 0; i--) {
                p = p.fma(r, DoubleVector.broadcast(S, INV_FACTORIAL[i]));
            }
            LongVector kBits = (LongVector) shifted.reinterpretAsLongs();
            DoubleVector twoToK = kBits.sub(SHIFTER_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(twoToK).blend(0.0, in.compare(VectorOperators.LT, -708.0)).intoArray(x, j);
        }
        for (; j < from + len; j++) {
            x[j] = x[j] < -708.0 ? 0.0 : Math.exp(Math.min(709.0, x[j]));
        }
    }

    /** {@code x = σ(x) = 1 / (1 + e^−x)} over {@code [from, from + len)}, in place. */
    static void sigmoidInPlace(double[] x, int from, int len) {
        negate(x, from, len);
        expInPlace(x, from, len);
        int j = from;
        for (; j + L <= from + len; j += L) {
            DoubleVector.broadcast(S, 1.0).div(DoubleVector.fromArray(S, x, j).add(1.0)).intoArray(x, j);
        }
        for (; j < from + len; j++) {
            x[j] = 1.0 / (1.0 + x[j]);
        }
    }

    /**
     * {@code x = tanh(x) = sign(x) · (1 − e) / (1 + e)} with {@code e = e^−2|x|} over {@code [from, from + len)},
     * in place; {@code e} goes through {@code work[0 .. len)}.
     */
    static void tanhInPlace(double[] x, int from, int len, double[] work) {
        int j = 0;
        for (; j + L <= len; j += L) {
            DoubleVector.fromArray(S, x, from + j).abs().mul(-2.0).intoArray(work, j);
        }
        for (; j < len; j++) {
            work[j] = -2.0 * Math.abs(x[from + j]);
        }
        expInPlace(work, 0, len);
        j = 0;
        for (; j + L <= len; j += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, from + j);
            DoubleVector e = DoubleVector.fromArray(S, work, j);
            DoubleVector t = DoubleVector.broadcast(S, 1.0).sub(e).div(e.add(1.0));
            t.blend(t.neg(), v.compare(VectorOperators.LT, 0.0)).intoArray(x, from + j);
        }
        for (; j < len; j++) {
            double e = work[j];
            double t = (1.0 - e) / (1.0 + e);
            x[from + j] = x[from + j] < 0 ? -t : t;
        }
    }

    private static void negate(double[] x, int from, int len) {
        int j = from;
        for (; j + L <= from + len; j += L) {
            DoubleVector.fromArray(S, x, j).neg().intoArray(x, j);
        }
        for (; j < from + len; j++) {
            x[j] = -x[j];
        }
    }

    /** {@link Kernels#lstmForwardRows}, in passes over each row (see {@link #expInPlace}). */
    static void lstmForward(double[] gates, double[] cPrev, double[] cNext, double[] hNext, int H, int n0, int n1) {
        double[] work = Kernels.workRow(2 * H);  // [0, H): tanhInPlace's work; [H, 2H): tanh(c_next)
        for (int n = n0; n < n1; n++) {
            int a = n * 4 * H;
            int s = n * H;
            activateGates(gates, a, H, work);
            int j = 0;
            for (; j + L <= H; j += L) {                 // c_next = f ⊙ c_prev + g ⊙ i
                DoubleVector f = DoubleVector.fromArray(S, gates, a + j);
                DoubleVector g = DoubleVector.fromArray(S, gates, a + H + j);
                DoubleVector i = DoubleVector.fromArray(S, gates, a + 2 * H + j);
                DoubleVector c = f.mul(DoubleVector.fromArray(S, cPrev, s + j)).add(g.mul(i));
                c.intoArray(cNext, s + j);
                c.intoArray(work, H + j);
            }
            for (; j < H; j++) {
                double c = gates[a + j] * cPrev[s + j] + gates[a + H + j] * gates[a + 2 * H + j];
                cNext[s + j] = c;
                work[H + j] = c;
            }
            tanhInPlace(work, H, H, work);               // tanh(c_next)
            j = 0;
            for (; j + L <= H; j += L) {                 // h_next = o ⊙ tanh(c_next)
                DoubleVector.fromArray(S, gates, a + 3 * H + j).mul(DoubleVector.fromArray(S, work, H + j))
                        .intoArray(hNext, s + j);
            }
            for (; j < H; j++) {
                hNext[s + j] = gates[a + 3 * H + j] * work[H + j];
            }
        }
    }

    /** {@link Kernels#lstmGatesRows}: the activations alone, as {@link #lstmForward} applies them. */
    static void lstmGates(double[] gates, int H, int n0, int n1) {
        double[] work = Kernels.workRow(H);
        for (int n = n0; n < n1; n++) {
            activateGates(gates, n * 4 * H, H, work);
        }
    }

    /** σ(f), tanh(g), σ(i), σ(o) in place on the row of {@code gates} that starts at {@code a}. */
    private static void activateGates(double[] gates, int a, int H, double[] work) {
        sigmoidInPlace(gates, a, H);                 // f
        tanhInPlace(gates, a + H, H, work);          // g
        sigmoidInPlace(gates, a + 2 * H, 2 * H);     // i and o
    }

    /**
     * {@link Kernels#lstmBackwardRows}, {@code L} columns at a time; {@code tanh(c_next)} is
     * computed again with {@link #tanhInPlace}, so it has the very values the forward step used.
     */
    static void lstmBackward(double[] gates, double[] cPrev, double[] cNext, double[] dhNext, double[] dcNext,
                             double[] dA, double[] dcPrev, int H, int n0, int n1) {
        double[] work = Kernels.workRow(2 * H);  // [0, H): tanhInPlace's work; [H, 2H): tanh(c_next) of the row
        for (int n = n0; n < n1; n++) {
            int a = n * 4 * H;
            int s = n * H;
            System.arraycopy(cNext, s, work, H, H);
            tanhInPlace(work, H, H, work);
            int j = 0;
            for (; j + L <= H; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, gates, a + j);
                DoubleVector g = DoubleVector.fromArray(S, gates, a + H + j);
                DoubleVector i = DoubleVector.fromArray(S, gates, a + 2 * H + j);
                DoubleVector o = DoubleVector.fromArray(S, gates, a + 3 * H + j);
                DoubleVector tc = DoubleVector.fromArray(S, work, H + j);
                DoubleVector dh = DoubleVector.fromArray(S, dhNext, s + j);
                DoubleVector ds = DoubleVector.fromArray(S, dcNext, s + j).add(dh.mul(o).mul(tc.mul(tc).neg().add(1.0)));
                ds.mul(f).intoArray(dcPrev, s + j);
                ds.mul(DoubleVector.fromArray(S, cPrev, s + j)).mul(f).mul(f.neg().add(1.0)).intoArray(dA, a + j);
                ds.mul(i).mul(g.mul(g).neg().add(1.0)).intoArray(dA, a + H + j);
                ds.mul(g).mul(i).mul(i.neg().add(1.0)).intoArray(dA, a + 2 * H + j);
                dh.mul(tc).mul(o).mul(o.neg().add(1.0)).intoArray(dA, a + 3 * H + j);
            }
            Kernels.lstmBackwardScalar(gates, cPrev, work, H, dhNext, dcNext, dA, dcPrev, H, n, j);
        }
    }
}
