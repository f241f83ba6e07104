package dl2.common;

/**
 * The one seeded random source of the project (the book calls {@code np.random} directly).
 *
 * <p>SplitMix64 underneath: small, fast, and its whole state is two numbers, so a checkpoint can
 * save it ({@link #state()}) and a resumed run continues with exactly the same draws
 * ({@link #restore(long[])}). Every program takes {@code --seed}; the same seed gives the same numbers.
 */
public final class Rng {
    private long s;
    private double spare;
    private boolean hasSpare;

    public Rng(long seed) {
        this.s = seed;
    }

    /** Next 64 random bits (SplitMix64). */
    public long nextLong() {
        long z = (s += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** Uniform integer in [lo, hi). */
    public int nextInt(int lo, int hi) {
        return lo + nextInt(hi - lo);
    }

    /** Standard normal sample, like {@code np.random.randn()} (Box-Muller, polar form). */
    public double randn() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, q;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = Math.sqrt(-2 * Math.log(q) / q);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }

    /** An array of {@code n} standard normal samples scaled by {@code std}. */
    public double[] randn(int n, double std) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = std * randn();
        }
        return a;
    }

    /** A random permutation of 0..n-1, like {@code np.random.permutation(n)} (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** Shuffles in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Draws an index with the given probabilities (they need not sum exactly to 1), like {@code np.random.choice(len(p), p=p)}. */
    public int choice(double[] p) {
        double total = 0;
        for (double v : p) {
            total += v;
        }
        double r = uniform() * total;
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (r < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** The whole state, for checkpoints: {seed-counter, spare bits, hasSpare}. */
    public long[] state() {
        return new long[] {s, Double.doubleToRawLongBits(spare), hasSpare ? 1 : 0};
    }

    /** Restores a state returned by {@link #state()}. */
    public void restore(long[] state) {
        if (state.length != 3) {
            throw new IllegalArgumentException("a random state has 3 numbers, got " + state.length);
        }
        s = state[0];
        spare = Double.longBitsToDouble(state[1]);
        hasSpare = state[2] != 0;
    }
}
