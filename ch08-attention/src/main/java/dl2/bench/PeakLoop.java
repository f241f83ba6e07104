package dl2.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * The yardstick of {@link Bench}: twelve independent chains of fused multiply-adds on vector registers, no memory
 * traffic, which is as fast as this processor computes in double precision. Run it with the JDK's Vector API
 * module added (the {@code dl2} launcher does).
 */
final class PeakLoop {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 2_000_000;
    /** Floating-point operations of one {@link #run()}: 12 chains × lanes × 2 per fused multiply-add. */
    static final double FLOPS_PER_CALL = 12.0 * S.length() * 2 * ITERATIONS;

    private PeakLoop() {
    }

    static void runOnAllThreads(int threads) {
        double[] sinks = new double[threads];
        IntStream.range(0, threads).parallel().forEach(t -> sinks[t] = run());
        if (Double.isNaN(sinks[0])) {
            throw new IllegalStateException("the peak loop produced NaN");
        }
    }

    /** Returns a value that depends on every chain, so that the JIT cannot drop the work. */
    static double run() {
        DoubleVector a = DoubleVector.broadcast(S, 0.999999);
        DoubleVector b = DoubleVector.broadcast(S, 1e-9);
        DoubleVector c0 = DoubleVector.broadcast(S, 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        DoubleVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
