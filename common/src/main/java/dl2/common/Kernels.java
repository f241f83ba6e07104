package dl2.common;


/**
 * The hot loops of the project, in one place: matrix products and the few element-wise operations the
 * layers repeat. Layers call these so that they stay readable and performance work happens here only.
 *
 * <p>All matrices are row-major {@code double[]} with explicit sizes. The products use {@link VectorKernels}
 * (register tiles, the inner dimension in cache-sized blocks) when the JDK's Vector API is available
 * ({@link #VECTOR}), plain i-k-j loops ({@code c[j] += a * b[j]}, which HotSpot turns into SIMD code) otherwise.
 * Large products split their output rows or column strips over the processor cores, the softmax and the
 * attention kernels their rows; every output element is still computed by one thread in one fixed order, so
 * results do not depend on the number of threads.
 */
public final class Kernels {
    /** {@link #parallelRows} splits the rows only when every thread gets at least this many (4 row panels). */
    private static final int MIN_ROWS_PER_THREAD = 32;
    /** Products with fewer multiply-adds than this stay on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 17;
    /** Rough cost of one element of an LSTM step (exp, tanh, a few products) in multiply-adds, for {@link #parallel}. */
    private static final long ELEMENTWISE_COST = 32;
    /** Rough cost of packing one element of a product's right factor (a transposed read) in multiply-adds. */
    private static final long PACK_COST = 2;
    /** Rough cost of one element of an Adam update (a square root and a division) in multiply-adds. */
    private static final long ADAM_COST = 8;
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    /**
     * True when the products run on {@link VectorKernels} (the JDK's Vector API): the JVM was started with
     * {@code --add-modules jdk.incubator.vector} and {@code -Ddl2.vector=false} was not given.
     * Otherwise the plain Java loops below are used. Both add the terms of each sum in the same order; the
     * Vector API path fuses each multiply-add (one rounding instead of two), so the last bits may differ.
     */
    public static final boolean VECTOR = !"false".equals(System.getProperty("dl2.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * Where column ranges may start: the Vector API products' strip width; any column on the plain path (declared
     * after {@link #VECTOR}, which it reads, and without touching {@code VectorKernels} when the JDK lacks the module).
     */
    private static final int COLUMN_ALIGN = VECTOR ? VectorKernels.STRIP : 1;

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
        product(a, k, 1, b, n, 1, null, c, null, m, k, n, false, VECTOR);
    }

    /** {@code c (m, n) += a (m, k) · b (k, n)}. */
    public static void matmulAcc(double[] a, double[] b, double[] c, int m, int k, int n) {
        product(a, k, 1, b, n, 1, null, c, null, m, k, n, true, VECTOR);
    }

    /**
     * {@code c (m, n) = a (m, k) · b (k, n) + bias (n)}, the affine map {@code np.dot(a, b) + bias}: every sum starts
     * from its bias, so the bias costs no pass of its own over {@code c}.
     */
    public static void matmulBias(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        product(a, k, 1, b, n, 1, null, c, bias, m, k, n, false, VECTOR);
    }

    /** {@code c (m, k) = a (m, n) · b (k, n)ᵀ + bias (k)}, like {@link #matmulBias} (the tied output layer). */
    public static void matmulABtBias(double[] a, double[] b, double[] bias, double[] c, int m, int n, int k) {
        product(a, n, 1, b, 1, n, null, c, bias, m, n, k, false, VECTOR);
    }

    /** {@code c (k, n) = aᵀ · b} with {@code a (m, k)}, {@code b (m, n)}, like {@code np.dot(a.T, b)} (weight gradients). */
    public static void matmulAtB(double[] a, double[] b, double[] c, int m, int k, int n) {
        product(a, 1, k, b, n, 1, null, c, null, k, m, n, false, VECTOR);
    }

    /** {@code c (k, n) += aᵀ · b} with {@code a (m, k)}, {@code b (m, n)}. */
    public static void matmulAtBAcc(double[] a, double[] b, double[] c, int m, int k, int n) {
        product(a, 1, k, b, n, 1, null, c, null, k, m, n, true, VECTOR);
    }

    /** {@code c (m, k) = a · bᵀ} with {@code a (m, n)}, {@code b (k, n)}, like {@code np.dot(a, b.T)} (input gradients). */
    public static void matmulABt(double[] a, double[] b, double[] c, int m, int n, int k) {
        product(a, n, 1, b, 1, n, null, c, null, m, n, k, false, VECTOR);
    }

    /** {@code c (m, k) += a · bᵀ} with {@code a (m, n)}, {@code b (k, n)}. */
    public static void matmulABtAcc(double[] a, double[] b, double[] c, int m, int n, int k) {
        product(a, n, 1, b, 1, n, null, c, null, m, n, k, true, VECTOR);
    }

    /**
     * A right-hand factor {@code B (inner, n)} prepared once for many products: with the Vector API, its strips
     * packed as the kernel reads them (see {@code VectorKernels.packStacked}); on the plain path, the matrix
     * row-major, as the plain loop reads it (a copy when it had to be stacked or transposed). The LSTM layers
     * multiply by the same {@code [Wx; Wh]} (and its transpose) at every step of a sequence; one {@code Packed}
     * can be handed back as {@code reuse} for the other form, so a layer keeps one array for both.
     */
    public static final class Packed {
        private final double[] b;       // plain path: B row-major, row stride n; null with the Vector API
        private final int inner;
        private final int n;
        private final double[] strips;  // Vector API: the packed strips; null on the plain path
        private final boolean owned;    // b or strips is this object's own array, which a later pack may reuse

        private Packed(double[] b, int inner, int n, double[] strips, boolean owned) {
            this.b = b;
            this.inner = inner;
            this.n = n;
            this.strips = strips;
            this.owned = owned;
        }
    }

    /** {@code b (k, n)} prepared as the right factor of {@link #matmul(double[], Packed, double[], int)}; {@code reuse}'s array is reused when it is large enough. */
    public static Packed pack(double[] b, int k, int n, Packed reuse) {
        return packStacked(b, k, b, 0, n, reuse);
    }

    /** {@code bᵀ} for {@code b (n, k)}, prepared as the right factor {@code (k, n)} of a product (so that {@code a · bᵀ} is {@code matmul(a, packTransposed(b))}). */
    public static Packed packTransposed(double[] b, int n, int k, Packed reuse) {
        return packStackedTransposed(b, n, b, 0, k, reuse);
    }

    /**
     * {@code [top; bottom]}, {@code top (k1, n)} over {@code bottom (k2, n)}, prepared as the right factor
     * {@code (k1 + k2, n)} of a product without being stacked first (the LSTM's {@code [Wx; Wh]}).
     */
    public static Packed packStacked(double[] top, int k1, double[] bottom, int k2, int n, Packed reuse) {
        return packed(top, k1, bottom, k2, n, false, reuse);
    }

    /** {@code [top; bottom]ᵀ}, prepared as the right factor {@code (n, k1 + k2)} of a product (the LSTM's {@code [Wx; Wh]ᵀ}). */
    public static Packed packStackedTransposed(double[] top, int k1, double[] bottom, int k2, int n, Packed reuse) {
        return packed(top, k1, bottom, k2, n, true, reuse);
    }

    /** {@code M = [top; bottom] (k1 + k2, m)}, or its transpose, as a right factor {@code B (inner, n)}. */
    private static Packed packed(double[] top, int k1, double[] bottom, int k2, int m, boolean transposed, Packed reuse) {
        int rows = k1 + k2;
        int inner = transposed ? m : rows;
        int n = transposed ? rows : m;
        boolean reusable = reuse != null && reuse.owned;
        if (!VECTOR) {
            if (!transposed && k2 == 0) {
                return new Packed(top, inner, n, null, false);   // the plain loop reads the matrix itself
            }
            double[] rowMajor = reusable && reuse.b.length >= inner * n ? reuse.b : new double[inner * n];
            if (transposed) {
                transpose(top, k1, m, rowMajor, rows, 0);
                transpose(bottom, k2, m, rowMajor, rows, k1);
            } else {
                System.arraycopy(top, 0, rowMajor, 0, k1 * m);
                System.arraycopy(bottom, 0, rowMajor, k1 * m, k2 * m);
            }
            return new Packed(rowMajor, inner, n, null, true);
        }
        int size = VectorKernels.packedSize(inner, n);
        double[] strips = reusable && reuse.strips.length >= size ? reuse.strips : new double[size];
        parallelColumns(n, (long) inner * n * PACK_COST,
                (j0, j1) -> VectorKernels.packStacked(top, k1, bottom, m, transposed, inner, n, strips, j0, j1));
        return new Packed(null, inner, n, strips, true);
    }

    /** {@code c (m, n) = a (m, k) · B} for a prepared {@code B (k, n)}. */
    public static void matmul(double[] a, Packed b, double[] c, int m) {
        product(a, b.inner, 1, b.b, b.n, 1, b.strips, c, null, m, b.inner, b.n, false, VECTOR);
    }

    /** {@code c (m, n) = a (m, k) · B + bias (n)} for a prepared {@code B (k, n)}, like {@link #matmulBias}. */
    public static void matmulBias(double[] a, Packed b, double[] bias, double[] c, int m) {
        product(a, b.inner, 1, b.b, b.n, 1, b.strips, c, bias, m, b.inner, b.n, false, VECTOR);
    }

    /**
     * Rows {@code [r0, r1)} of {@link #matmul(double[], Packed, double[], int)}: split over the cores outside a
     * parallel section, on the calling thread inside one (see {@link #parallelRows}).
     */
    public static void matmulRows(double[] a, Packed b, double[] c, int r0, int r1) {
        productRange(a, 0, b.inner, 1, b.b, b.n, 1, b.strips, c, null, b.inner, b.n, false, r0, r1, 0, b.n, VECTOR);
    }

    /** Rows {@code [r0, r1)} of {@link #matmulBias(double[], Packed, double[], double[], int)}, split like {@link #matmulRows}. */
    public static void matmulBiasRows(double[] a, Packed b, double[] bias, double[] c, int r0, int r1) {
        productRange(a, 0, b.inner, 1, b.b, b.n, 1, b.strips, c, bias, b.inner, b.n, false, r0, r1, 0, b.n, VECTOR);
    }

    /**
     * Columns {@code [j0, j1)} of {@link #matmulAtBAcc}, {@code c (k, n) += aᵀ · b}: split over the cores outside a
     * parallel section, on the calling thread inside one (see {@link #parallelColumns}).
     */
    public static void matmulAtBAccColumns(double[] a, double[] b, double[] c, int m, int k, int n, int j0, int j1) {
        matmulAtBAccColumns(a, 0, k, b, c, m, k, n, j0, j1);
    }

    /**
     * {@link #matmulAtBAccColumns(double[], double[], double[], int, int, int, int, int)} with {@code a (m, k)} read
     * in place from a wider array: row {@code i} at {@code a[ao + i · lda ...]}, e.g. one time step
     * {@code hs[:, t, :]} of an {@code (N, T, H)} sequence ({@code ao = t · H}, {@code lda = T · H}).
     */
    public static void matmulAtBAccColumns(double[] a, int ao, int lda, double[] b, double[] c, int m, int k, int n, int j0, int j1) {
        productRange(a, ao, 1, lda, b, n, 1, null, c, null, m, n, true, 0, k, j0, j1, VECTOR);
    }

    /**
     * The work arrays of one thread, reused from call to call and grown when too small (their contents are left
     * over): the packed panels of {@code VectorKernels}' products, the transposed {@code B} of the plain path's
     * {@code a · bᵀ}, and the work row of the element-wise LSTM kernels.
     */
    static final class Scratch {
        double[] panelA = new double[0];       // rows of A, in panels of 8
        double[] stripB = new double[0];       // one strip of B
        double[] blockC = new double[0];       // the output block of a last, narrow strip
        double[] transposedB = new double[0];  // B row-major for the plain loop
        double[] row = new double[0];          // the LSTM kernels' work row

        /** {@code p} when it holds at least {@code size} elements, else a new array of that size. */
        static double[] atLeast(double[] p, int size) {
            return p.length >= size ? p : new double[size];
        }
    }

    /** One {@link Scratch} per thread, looked up once per product or per element-wise call. */
    static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The calling thread's work row, at least {@code size} elements long (see {@link Scratch}). */
    static double[] workRow(int size) {
        Scratch s = SCRATCH.get();
        return s.row = Scratch.atLeast(s.row, size);
    }

    /** The transpose of {@code a (rows, cols)}: a new {@code (cols, rows)} array. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        transpose(a, rows, cols, t);
        return t;
    }

    /**
     * Writes the transpose of {@code a (rows, cols)} into {@code t (cols, rows)}. Works in 16 × 16 blocks, so that
     * both arrays are read and written a cache line at a time (measured on a 256 × 1024 matrix: 0.11 ms, against
     * 0.5 ms with 32 × 32 blocks, whose 32 rows of writes compete for the same few cache sets).
     */
    private static void transpose(double[] a, int rows, int cols, double[] t) {
        transpose(a, rows, cols, t, rows, 0);
    }

    /** The transpose of {@code a (rows, cols)} into columns {@code [col0, col0 + rows)} of {@code t (cols, ldt)}, in the blocks above. */
    private static void transpose(double[] a, int rows, int cols, double[] t, int ldt, int col0) {
        final int block = 16;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(cols, j0 + block);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * ldt + col0 + i] = a[i * cols + j];
                    }
                }
            }
        }
    }

    /**
     * {@code c (rows, n) (+)= A · B} where {@code A (rows, inner)} is read as {@code a[r * ars + q * aqs]} and
     * {@code B (inner, n)} as {@code b[q * bqs + j * bjs]}: with strides {@code (k, 1)} a matrix is read as it is,
     * with {@code (1, k)} as its transpose, so {@code a · b}, {@code aᵀ · b} and {@code a · bᵀ} are one product.
     * Package-visible so that a test can hold the Vector API path and the plain path side by side.
     */
    static void product(double[] a, int ars, int aqs, double[] b, int bqs, int bjs, double[] packedB, double[] c,
                        double[] bias, int rows, int inner, int n, boolean accumulate, boolean vector) {
        if (vector) {
            int strips = (n + VectorKernels.STRIP - 1) / VectorKernels.STRIP;
            // Threads take column strips (each reads all of A, productRange) or row blocks (each reads all of B): the
            // rows when A is the larger matrix, like dout · Wᵀ of a large vocabulary, the strips otherwise.
            if (rows >= 8 * threads && (rows > n || strips < 2 * threads)) {
                parallel(rows, 8, (long) rows * inner * n, (r0, r1) -> VectorKernels.product(a, 0, ars, aqs, b, bqs, bjs,
                        packedB, c, bias, inner, n, accumulate, r0, r1, 0, n));
                return;
            }
        } else if (bjs != 1) {                           // the plain loop needs B row-major: transpose it first
            Scratch s = SCRATCH.get();
            double[] rowMajor = s.transposedB = Scratch.atLeast(s.transposedB, inner * n);
            transpose(b, n, inner, rowMajor);
            productRange(a, 0, ars, aqs, rowMajor, n, 1, null, c, bias, inner, n, accumulate, 0, rows, 0, n, false);
            return;
        }
        productRange(a, 0, ars, aqs, b, bqs, bjs, packedB, c, bias, inner, n, accumulate, 0, rows, 0, n, vector);
    }

    /**
     * Rows {@code [r0, r1)} and columns {@code [j0, j1)} of {@link #product}, with {@code A} read from
     * {@code a[ao + r * ars + q * aqs]} ({@code j0} a multiple of 16), the column
     * strips (or, on the plain path, the rows) split over the cores, unless this runs inside a parallel section
     * ({@link #parallelRows}), where it stays on the calling thread. The plain path needs {@code B} row-major
     * ({@code bjs == 1}), as every caller gives it (a {@link Packed} factor is row-major on that path).
     */
    private static void productRange(double[] a, int ao, int ars, int aqs, double[] b, int bqs, int bjs, double[] packedB, double[] c,
                                     double[] bias, int inner, int n, boolean accumulate, int r0, int r1, int j0, int j1,
                                     boolean vector) {
        long work = (long) (r1 - r0) * inner * (j1 - j0);
        if (vector) {
            int s0 = j0 / VectorKernels.STRIP, strips = (j1 - j0 + VectorKernels.STRIP - 1) / VectorKernels.STRIP;
            parallel(strips, work, (x0, x1) -> VectorKernels.product(a, ao, ars, aqs, b, bqs, bjs, packedB, c, bias, inner, n,
                    accumulate, r0, r1, (s0 + x0) * VectorKernels.STRIP, Math.min(j1, (s0 + x1) * VectorKernels.STRIP)));
            return;
        }
        parallel(r1 - r0, work, (x0, x1) -> plainProduct(a, ao, ars, aqs, b, c, bias, r0 + x0, r0 + x1, j0, j1, inner, n, accumulate));
    }

    /**
     * Rows {@code [r0, r1)}, columns {@code [j0, j1)} of the product in plain Java: the i-k-j loop
     * {@code c[j] += a * b[j]} that HotSpot vectorises.
     */
    private static void plainProduct(double[] a, int ao, int rs, int qs, double[] b, double[] c, double[] bias,
                                     int r0, int r1, int j0, int j1, int inner, int n, boolean accumulate) {
        for (int r = r0; r < r1; r++) {
            int cr = r * n;
            if (!accumulate && bias == null) {
                java.util.Arrays.fill(c, cr + j0, cr + j1, 0.0);
            } else if (!accumulate) {
                System.arraycopy(bias, j0, c, cr + j0, j1 - j0);
            }
            for (int q = 0; q < inner; q++) {
                double arq = a[ao + r * rs + q * qs];
                int bq = q * n;
                for (int j = j0; j < j1; j++) {
                    c[cr + j] += arq * b[bq + j];
                }
            }
        }
    }

    /** A piece of work over items {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over the rows {@code [0, rows)}, split into one contiguous range per thread when the work
     * ({@code work} multiply-adds) is large enough, else over all of them on the calling thread. The ranges start at
     * multiples of 8 rows, the products' row panels, so every row is computed by the same tile as on one thread.
     * Inside, the kernels' {@code ...Rows} forms compute a range on the calling thread. The time layers run each
     * thread's batch rows through all the steps of a sequence this way: the rows are independent until the weight
     * gradients, so the threads meet once per sequence instead of at every product. With fewer than
     * {@value #MIN_ROWS_PER_THREAD} rows a thread (the 20 rows of the Rnnlm), {@code body} gets all the rows on the
     * calling thread, and each {@code ...Rows} call splits its own work over the cores instead (the column strips of
     * a product), as the kernels do outside a parallel section.
     */
    public static void parallelRows(int rows, long work, Range body) {
        if (rows < MIN_ROWS_PER_THREAD * threads) {      // too few rows to share: the kernels inside split their own work
            body.run(0, rows);
            return;
        }
        parallel(rows, 8, work, body);
    }

    /**
     * Like {@link #parallelRows} over the columns {@code [0, n)}, in ranges that start at multiples of the products'
     * column strips (16 columns with AVX-512); inside, the kernels' {@code ...Columns} forms (the weight gradients of
     * a sequence).
     */
    public static void parallelColumns(int n, long work, Range body) {
        parallel(n, COLUMN_ALIGN, work, body);
    }

    /** Splits {@code items} into one contiguous range per thread when the work is large enough. */
    private static void parallel(int items, long work, Range body) {
        parallel(items, 1, work, body);
    }

    /** Like {@link #parallel(int, long, Range)}, with every range but the last a multiple of {@code align} items. */
    private static void parallel(int items, int align, long work, Range body) {
        int units = (items + align - 1) / align;
        int t = threads;
        if (t == 1 || units < 2 || work < PARALLEL_THRESHOLD) {
            body.run(0, items);
            return;
        }
        int chunks = Math.min(units, t);
        Runnable[] pieces = new Runnable[chunks];
        for (int ch = 0; ch < chunks; ch++) {
            int from = (int) ((long) units * ch / chunks) * align;
            int to = Math.min(items, (int) ((long) units * (ch + 1) / chunks) * align);
            pieces[ch] = () -> body.run(from, to);
        }
        Workers.run(pieces);
    }

    // ---- Attention (book chapter 8): one small matrix per batch row, rows split over the cores ----

    /**
     * {@code out[n, t] = Σⱼ m[n, t, j] · v[n, j]} for {@code m (N, T, H)}, {@code v (N, H)}: each batch row's
     * {@code (T, H)} matrix times its own vector, like {@code np.sum(m * v.reshape(N, 1, H), axis=2)}
     * (the attention scores and the gradient of the weights).
     */
    public static void batchedMatVec(double[] m, double[] v, double[] out, int N, int T, int H) {
        parallel(N, (long) N * T * H, (n0, n1) -> {
            for (int n = n0; n < n1; n++) {
                for (int t = 0; t < T; t++) {
                    out[n * T + t] = VECTOR ? VectorKernels.dot(m, (n * T + t) * H, v, n * H, H)
                            : plainDot(m, (n * T + t) * H, v, n * H, H);
                }
            }
        });
    }

    /**
     * {@code out[n, j] = Σₜ w[n, t] · m[n, t, j]} for {@code w (N, T)}, {@code m (N, T, H)}: each batch row's
     * weights times its own {@code (T, H)} matrix, like {@code np.sum(m * w.reshape(N, T, 1), axis=1)}
     * (the context vector and the gradient of the decoder state).
     */
    public static void batchedVecMat(double[] w, double[] m, double[] out, int N, int T, int H) {
        parallel(N, (long) N * T * H, (n0, n1) -> {
            for (int n = n0; n < n1; n++) {
                java.util.Arrays.fill(out, n * H, (n + 1) * H, 0.0);
                for (int t = 0; t < T; t++) {
                    axpy(w[n * T + t], m, (n * T + t) * H, out, n * H, H);
                }
            }
        });
    }

    /**
     * {@code m[n, t, j] += w[n, t] · v[n, j]} for {@code m (N, T, H)}: adds each batch row's outer product
     * {@code w[n] ⊗ v[n]}, like {@code m += w.reshape(N, T, 1) * v.reshape(N, 1, H)} (the gradients of the encoder
     * states, summed straight into one array).
     */
    public static void batchedOuterAcc(double[] w, double[] v, double[] m, int N, int T, int H) {
        parallel(N, (long) N * T * H, (n0, n1) -> {
            for (int n = n0; n < n1; n++) {
                for (int t = 0; t < T; t++) {
                    axpy(w[n * T + t], v, n * H, m, (n * T + t) * H, H);
                }
            }
        });
    }

    /** {@code y[yo .. yo + len) += alpha · x[xo .. xo + len)}. */
    private static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        if (VECTOR) {
            VectorKernels.axpy(alpha, x, xo, y, yo, len);
            return;
        }
        for (int j = 0; j < len; j++) {
            y[yo + j] += alpha * x[xo + j];
        }
    }

    private static double plainDot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int j = 0; j < len; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    /** {@code c[i, :] += row} for every row of {@code c (m, n)} (the bias add of Affine). */
    public static void addRowVector(double[] c, double[] row, int m, int n) {
        for (int i = 0; i < m; i++) {
            add(row, 0, c, i * n, n);
        }
    }

    /** {@code out[j] += Σᵢ x[i, j]} over the rows of {@code x (m, n)}, like {@code out += x.sum(axis=0)} (bias gradients). */
    public static void sumRowsAcc(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            add(x, i * n, out, 0, n);
        }
    }

    /** Columns {@code [j0, j1)} of {@link #sumRowsAcc}, on the calling thread (see {@link #parallelColumns}). */
    public static void sumRowsAccColumns(double[] x, double[] out, int m, int n, int j0, int j1) {
        for (int i = 0; i < m; i++) {
            add(x, i * n + j0, out, j0, j1 - j0);
        }
    }

    /** {@code y[yo .. yo + len) += x[xo .. xo + len)}. */
    private static void add(double[] x, int xo, double[] y, int yo, int len) {
        if (VECTOR) {
            VectorKernels.add(x, xo, y, yo, len);
            return;
        }
        for (int j = 0; j < len; j++) {
            y[yo + j] += x[xo + j];
        }
    }

    /**
     * Adam's update of one parameter {@code p} with its gradient {@code g} and running means {@code m}, {@code v}
     * (see {@code dl2.common.optimizer.Adam}), element by element, split over the cores when large:
     * {@code m += (1 − beta1)·(g − m)}, {@code v += (1 − beta2)·(g² − v)}, {@code p −= lrT·m / (√v + 1e-7)}.
     */
    public static void adam(double[] p, double[] g, double[] m, double[] v, double lrT, double beta1, double beta2) {
        parallel(p.length, p.length * ADAM_COST, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                m[j] += (1 - beta1) * (g[j] - m[j]);
                v[j] += (1 - beta2) * (g[j] * g[j] - v[j]);
                p[j] -= lrT * m[j] / (Math.sqrt(v[j]) + 1e-7);
            }
        });
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

    /**
     * {@code y (m, n)} = the softmax of each row of {@code x (m, n)}, shifted by the row maximum for stability;
     * {@code y} may be {@code x} itself. Rows are split over the cores.
     */
    public static void softmaxRows(double[] x, double[] y, int m, int n) {
        parallel(m, (long) m * n * ELEMENTWISE_COST, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                softmaxRow(x, y, i * n, n, null);
            }
        });
    }

    /**
     * {@code y = softmax(x)} row by row like {@link #softmaxRows}, also writing
     * {@code logZ[i] = log Σⱼ exp(x[i, j])}, so that {@code log softmax = x − logZ}
     * stays exact even where a probability underflows to 0 (cross-entropy losses).
     */
    public static void softmaxRowsLogZ(double[] x, double[] y, double[] logZ, int m, int n) {
        parallel(m, (long) m * n * ELEMENTWISE_COST, (i0, i1) -> {
            double[] maxAndSum = workRow(2);
            for (int i = i0; i < i1; i++) {
                softmaxRow(x, y, i * n, n, maxAndSum);
                logZ[i] = maxAndSum[0] + Math.log(maxAndSum[1]);
            }
        });
    }

    /** Row {@code [from, from + n)} of {@link #softmaxRows}; the row maximum and {@code Σ e^(x − max)} go to {@code maxAndSum} unless it is null. */
    private static void softmaxRow(double[] x, double[] y, int from, int n, double[] maxAndSum) {
        double max;
        double sum = 0;
        if (VECTOR) {
            max = VectorKernels.max(x, from, n);
            sum = VectorKernels.expShiftedSum(x, y, from, n, max);
        } else {
            max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[from + j]);
            }
            for (int j = 0; j < n; j++) {
                double e = Math.exp(x[from + j] - max);
                y[from + j] = e;
                sum += e;
            }
        }
        double inv = 1.0 / sum;
        for (int j = from; j < from + n; j++) {
            y[j] *= inv;
        }
        if (maxAndSum != null) {
            maxAndSum[0] = max;
            maxAndSum[1] = sum;
        }
    }

    // ---- Time layers (book chapters 5-6): products on column blocks and the element-wise step loops ----

    /**
     * {@code c[:, from:to] += a (m, k) · b[:, from:to]} with {@code b (k, width)} and {@code c (m, width)}:
     * a product with one block of columns of a packed weight (the GRU's {@code Wh}). The block is copied
     * out so that the fast product above does the work.
     */
    public static void matmulColsAcc(double[] a, double[] b, double[] c, int m, int k, int width, int from, int to) {
        double[] out = new double[m * (to - from)];
        product(a, k, 1, columns(b, k, width, from, to), to - from, 1, null, out, null, m, k, to - from, false, VECTOR);
        addColumns(out, c, m, width, from, to);
    }

    /**
     * {@code c[:, from:to] += aᵀ · b[:, from:to]} with {@code a (m, k)}, {@code b (m, width)}, {@code c (k, width)}:
     * the weight gradient of one block of columns.
     */
    public static void matmulAtBColsAcc(double[] a, double[] b, double[] c, int m, int k, int width, int from, int to) {
        double[] out = new double[k * (to - from)];
        product(a, 1, k, columns(b, m, width, from, to), to - from, 1, null, out, null, k, m, to - from, false, VECTOR);
        addColumns(out, c, k, width, from, to);
    }

    /**
     * {@code c (m, k) += a[:, from:to] · b[:, from:to]ᵀ} with {@code a (m, width)}, {@code b (k, width)}:
     * the input gradient through one block of columns.
     */
    public static void matmulABtColsAcc(double[] a, double[] b, double[] c, int m, int k, int width, int from, int to) {
        int w = to - from;
        product(columns(a, m, width, from, to), w, 1, columns(b, k, width, from, to), 1, w, null, c, null, m, w, k, true, VECTOR);
    }

    /** {@code x[:, from:to]} of {@code x (rows, width)}: a new {@code (rows, to − from)} array. */
    private static double[] columns(double[] x, int rows, int width, int from, int to) {
        int w = to - from;
        double[] block = new double[rows * w];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * width + from, block, i * w, w);
        }
        return block;
    }

    /** {@code c[:, from:to] += block} for {@code c (rows, width)}. */
    private static void addColumns(double[] block, double[] c, int rows, int width, int from, int to) {
        int w = to - from;
        for (int i = 0; i < rows; i++) {
            int ci = i * width + from;
            int bi = i * w;
            for (int j = 0; j < w; j++) {
                c[ci + j] += block[bi + j];
            }
        }
    }

    /** {@code x = tanh(x)} element-wise, in place. */
    public static void tanhInPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.tanh(x[i]);
        }
    }

    /** {@code dx = dy ⊙ (1 − y²)}: the gradient through {@code y = tanh(x)}, given {@code y}. */
    public static void tanhBackward(double[] dy, double[] y, double[] dx) {
        for (int i = 0; i < dx.length; i++) {
            dx[i] = dy[i] * (1 - y[i] * y[i]);
        }
    }

    /**
     * Rows {@code [n0, n1)} of the element-wise forward of an LSTM step (book 6.3), split like {@link #matmulRows}:
     * {@code gates (N, 4H)} holds the pre-activations in blocks f, g, i, o and is overwritten with σ(f), tanh(g),
     * σ(i), σ(o); then {@code c_next = f ⊙ c_prev + g ⊙ i} and {@code h_next = o ⊙ tanh(c_next)}.
     */
    public static void lstmForwardRows(double[] gates, double[] cPrev, double[] cNext, double[] hNext, int H, int n0, int n1) {
        parallel(n1 - n0, (long) (n1 - n0) * H * ELEMENTWISE_COST, (x0, x1) -> {
            if (VECTOR) {
                VectorKernels.lstmForward(gates, cPrev, cNext, hNext, H, n0 + x0, n0 + x1);
            } else {
                for (int n = n0 + x0; n < n0 + x1; n++) {
                    lstmForwardScalar(gates, cPrev, cNext, hNext, H, n);
                }
            }
        });
    }

    /**
     * Rows {@code [n0, n1)} of the activations alone of {@link #lstmForwardRows}: {@code gates (N, 4H)}, the
     * pre-activations f, g, i, o, overwritten with σ(f), tanh(g), σ(i), σ(o), the very values that
     * {@link #lstmForwardRows} gives them. {@code TimeLSTM} computes the gates again this way in backward when it
     * does not keep them.
     */
    public static void lstmGatesRows(double[] gates, int H, int n0, int n1) {
        parallel(n1 - n0, (long) (n1 - n0) * H * ELEMENTWISE_COST, (x0, x1) -> {
            if (VECTOR) {
                VectorKernels.lstmGates(gates, H, n0 + x0, n0 + x1);
                return;
            }
            for (int n = n0 + x0; n < n0 + x1; n++) {
                lstmGatesScalar(gates, H, n);
            }
        });
    }

    /** Row {@code n} of {@link #lstmGatesRows}, one element at a time. */
    private static void lstmGatesScalar(double[] gates, int H, int n) {
        int a = n * 4 * H;
        for (int j = 0; j < H; j++) {
            gates[a + j] = sigmoid(gates[a + j]);
            gates[a + H + j] = Math.tanh(gates[a + H + j]);
            gates[a + 2 * H + j] = sigmoid(gates[a + 2 * H + j]);
            gates[a + 3 * H + j] = sigmoid(gates[a + 3 * H + j]);
        }
    }

    /** Row {@code n} of {@link #lstmForwardRows}, one element at a time: the activations, then the states. */
    static void lstmForwardScalar(double[] gates, double[] cPrev, double[] cNext, double[] hNext, int H, int n) {
        lstmGatesScalar(gates, H, n);
        int a = n * 4 * H;
        int s = n * H;
        for (int j = 0; j < H; j++) {
            double c = gates[a + j] * cPrev[s + j] + gates[a + H + j] * gates[a + 2 * H + j];
            cNext[s + j] = c;
            hNext[s + j] = gates[a + 3 * H + j] * Math.tanh(c);
        }
    }

    /**
     * Rows {@code [n0, n1)} of the element-wise backward of an LSTM step (book 6.3), split like {@link #matmulRows},
     * from the activated {@code gates (N, 4H)} (f, g, i, o), {@code c_prev} and {@code c_next}: with
     * {@code tc = tanh(c_next)} computed again, as the book's backward does, and
     * {@code ds = dc_next + dh_next ⊙ o ⊙ (1 − tc²)} it writes {@code dc_prev = ds ⊙ f} and the pre-activation
     * gradients {@code dA (N, 4H)}: {@code df = ds ⊙ c_prev ⊙ f(1−f)}, {@code dg = ds ⊙ i ⊙ (1−g²)},
     * {@code di = ds ⊙ g ⊙ i(1−i)}, {@code do = dh_next ⊙ tc ⊙ o(1−o)}. {@code dA} may be {@code gates} itself:
     * each element's four gates are read before its four gradients are written.
     */
    public static void lstmBackwardRows(double[] gates, double[] cPrev, double[] cNext, double[] dhNext, double[] dcNext,
                                        double[] dA, double[] dcPrev, int H, int n0, int n1) {
        parallel(n1 - n0, (long) (n1 - n0) * H * ELEMENTWISE_COST, (x0, x1) -> {
            if (VECTOR) {
                VectorKernels.lstmBackward(gates, cPrev, cNext, dhNext, dcNext, dA, dcPrev, H, n0 + x0, n0 + x1);
                return;
            }
            double[] tanhC = workRow(H);
            for (int n = n0 + x0; n < n0 + x1; n++) {
                for (int j = 0; j < H; j++) {
                    tanhC[j] = Math.tanh(cNext[n * H + j]);
                }
                lstmBackwardScalar(gates, cPrev, tanhC, 0, dhNext, dcNext, dA, dcPrev, H, n, 0);
            }
        });
    }

    /**
     * Row {@code n}, columns {@code [j0, H)} of {@link #lstmBackwardRows}, one element at a time, given that row's
     * {@code tanh(c_next)} in {@code tanhC[from, from + H)}.
     */
    static void lstmBackwardScalar(double[] gates, double[] cPrev, double[] tanhC, int from, double[] dhNext, double[] dcNext,
                                   double[] dA, double[] dcPrev, int H, int n, int j0) {
        int a = n * 4 * H;
        int s = n * H;
        for (int j = j0; j < H; j++) {
            double f = gates[a + j];
            double g = gates[a + H + j];
            double i = gates[a + 2 * H + j];
            double o = gates[a + 3 * H + j];
            double tc = tanhC[from + j];
            double dh = dhNext[s + j];
            double ds = dcNext[s + j] + dh * o * (1 - tc * tc);
            dcPrev[s + j] = ds * f;
            dA[a + j] = ds * cPrev[s + j] * f * (1 - f);
            dA[a + H + j] = ds * i * (1 - g * g);
            dA[a + 2 * H + j] = ds * g * i * (1 - i);
            dA[a + 3 * H + j] = dh * tc * o * (1 - o);
        }
    }

    /**
     * First element-wise part of a GRU step: {@code gates (N, 3H)} holds pre-activations in blocks z, r, h̃;
     * the z and r blocks become σ(z), σ(r), and {@code rh = r ⊙ h_prev}, the input of the candidate's product.
     */
    public static void gruResetGate(double[] gates, double[] hPrev, double[] rh, int N, int H) {
        for (int n = 0; n < N; n++) {
            int a = n * 3 * H;
            int s = n * H;
            for (int j = 0; j < H; j++) {
                double z = sigmoid(gates[a + j]);
                double r = sigmoid(gates[a + H + j]);
                gates[a + j] = z;
                gates[a + H + j] = r;
                rh[s + j] = r * hPrev[s + j];
            }
        }
    }

    /**
     * Second element-wise part of a GRU step: the h̃ block of {@code gates (N, 3H)} becomes tanh of its
     * pre-activation, and {@code h_next = (1 − z) ⊙ h_prev + z ⊙ h̃}.
     */
    public static void gruOutput(double[] gates, double[] hPrev, double[] hNext, int N, int H) {
        for (int n = 0; n < N; n++) {
            int a = n * 3 * H;
            int s = n * H;
            for (int j = 0; j < H; j++) {
                double z = gates[a + j];
                double hh = Math.tanh(gates[a + 2 * H + j]);
                gates[a + 2 * H + j] = hh;
                hNext[s + j] = (1 - z) * hPrev[s + j] + z * hh;
            }
        }
    }

    /**
     * Backward through a GRU step's output, from the activated {@code gates (N, 3H)} (z, r, h̃): writes the
     * z and h̃ blocks of the pre-activation gradient {@code dA (N, 3H)},
     * {@code dz = dh_next ⊙ (h̃ − h_prev) ⊙ z(1−z)} and {@code dh̃ = dh_next ⊙ z ⊙ (1 − h̃²)},
     * and sets {@code dh_prev = dh_next ⊙ (1 − z)}.
     */
    public static void gruBackwardOutput(double[] gates, double[] hPrev, double[] dhNext, double[] dA, double[] dhPrev,
                                         int N, int H) {
        for (int n = 0; n < N; n++) {
            int a = n * 3 * H;
            int s = n * H;
            for (int j = 0; j < H; j++) {
                double z = gates[a + j];
                double hh = gates[a + 2 * H + j];
                double dh = dhNext[s + j];
                dA[a + j] = dh * (hh - hPrev[s + j]) * z * (1 - z);
                dA[a + 2 * H + j] = dh * z * (1 - hh * hh);
                dhPrev[s + j] = dh * (1 - z);
            }
        }
    }

    /**
     * Backward through a GRU step's reset gate, given {@code dhr}, the gradient of {@code r ⊙ h_prev}:
     * {@code dh_prev += r ⊙ dhr} and the r block of {@code dA (N, 3H)} becomes {@code dhr ⊙ h_prev ⊙ r(1−r)}.
     */
    public static void gruBackwardResetGate(double[] gates, double[] hPrev, double[] dhr, double[] dA, double[] dhPrev,
                                            int N, int H) {
        for (int n = 0; n < N; n++) {
            int a = n * 3 * H;
            int s = n * H;
            for (int j = 0; j < H; j++) {
                double r = gates[a + H + j];
                dhPrev[s + j] += r * dhr[s + j];
                dA[a + H + j] = dhr[s + j] * hPrev[s + j] * r * (1 - r);
            }
        }
    }
}
