package dl2.ch06;

import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;

/**
 * Exploding and vanishing gradients (book 6.1.2-6.1.3, {@code ch06/rnn_gradient_graph.py}): the gradient
 * {@code dh} flowing back through an RNN meets the MatMul node with the same {@code Wh} at every step,
 * {@code dh ← dh · Whᵀ}, and its norm grows or shrinks exponentially with the number of steps.
 *
 * <p>The tanh node is left out, as in the book: this is the MatMul path alone.
 */
public final class GradientNormDemo {
    /** Mini-batch size of the book's experiment. */
    public static final int N = 2;
    /** Hidden size of the book's experiment. */
    public static final int H = 3;
    /** Number of time steps of the book's experiment. */
    public static final int T = 20;
    /** The book's factor that turns the exploding {@code Wh} into a vanishing one. */
    public static final double VANISHING_SCALE = 0.5;
    /**
     * Default seed. The book seeds NumPy with 3; our generator draws other numbers, and with seed 10 the norm
     * grows about ×1.41 per step (×0.71 once halved), so both curves change by a factor of about 700 over 20 steps.
     */
    public static final long SEED = 10;

    private GradientNormDemo() {
    }

    /** {@code scale · randn(H, H)}: the book's {@code Wh} (scale 1 explodes, scale 0.5 vanishes). */
    public static Tensor randomWh(Rng rng, int hidden, double scale) {
        return Tensor.randn(rng, scale, hidden, hidden);
    }

    /**
     * Starts from {@code dh = ones(N, H)} and, for each of {@code steps} steps, sets {@code dh = dh · Whᵀ}
     * and records {@code sqrt(Σ dh²) / N}, the book's {@code norm_list}.
     *
     * @param Wh    the recurrent weight {@code (H, H)}
     * @param batch N, the number of rows of {@code dh}
     * @param steps T, the number of steps
     * @return the norm after step 1, 2, …, T
     */
    public static double[] norms(Tensor Wh, int batch, int steps) {
        int hidden = Wh.dim(0);
        Tensor dh = Tensor.zeros(batch, hidden);   // (N, H)
        dh.fill(1.0);
        Tensor next = Tensor.zeros(batch, hidden); // (N, H)
        double[] norms = new double[steps];
        for (int t = 0; t < steps; t++) {
            Kernels.matmulABt(dh.data, Wh.data, next.data, batch, hidden, hidden);  // dh · Whᵀ
            dh.set(next);
            norms[t] = Math.sqrt(Kernels.dot(dh.data, dh.data)) / batch;
        }
        return norms;
    }
}
