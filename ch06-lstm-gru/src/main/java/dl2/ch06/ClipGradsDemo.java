package dl2.ch06;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.util.Util;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping by the global norm (book 6.1.4, {@code ch06/clip_grads.py}): two random gradients
 * {@code dW1, dW2 = rand(3, 3) · 10} are clipped to a total L2 norm of 5 with {@link Util#clipGrads}, which
 * scales every gradient by the same rate {@code max_norm / norm} when the norm is too large.
 */
public final class ClipGradsDemo {
    /** The book's threshold {@code max_norm}. */
    public static final double MAX_NORM = 5.0;
    /** The book's gradients are {@code 3 × 3}. */
    public static final int SIZE = 3;
    /** The book's gradients are uniform in {@code [0, 10)}. */
    public static final double SCALE = 10.0;

    private ClipGradsDemo() {
    }

    /** The gradients before and after clipping, with their global norms. */
    public record Result(List<Tensor> before, List<Tensor> after, double normBefore, double normAfter) {
        /** The factor every element was multiplied by (1 when nothing was clipped). */
        public double rate() {
            return normAfter / normBefore;
        }
    }

    /** {@code count} gradients of shape {@code (rows, cols)}, uniform in {@code [0, scale)}: the book's {@code np.random.rand(3, 3) * 10}. */
    public static List<Tensor> randomGrads(Rng rng, int count, int rows, int cols, double scale) {
        List<Tensor> grads = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            Tensor t = Tensor.zeros(rows, cols);
            for (int i = 0; i < t.data.length; i++) {
                t.data[i] = scale * rng.uniform();
            }
            grads.add(t);
        }
        return grads;
    }

    /** The L2 norm of all the gradients together: {@code sqrt(Σ_g Σ_i g[i]²)}. */
    public static double globalNorm(List<Tensor> grads) {
        double sum = 0;
        for (Tensor g : grads) {
            for (double v : g.data) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /** Clips {@code grads} in place with {@link Util#clipGrads} and returns copies from before, the clipped tensors and both norms. */
    public static Result clip(List<Tensor> grads, double maxNorm) {
        List<Tensor> before = grads.stream().map(Tensor::copy).toList();
        double normBefore = Util.clipGrads(grads, maxNorm);
        return new Result(before, grads, normBefore, globalNorm(grads));
    }
}
