package dl2.common.timelayers;

import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Softmax and cross-entropy over a whole sequence (book 5.4.2.1): scores {@code xs (N, T, V)} and labels
 * {@code ts (N, T)} give the mean loss over the positions whose label is not {@link #IGNORE_LABEL}
 * (the book's mask, used for the padding of seq2seq targets); ignored positions get a zero gradient.
 */
public final class TimeSoftmaxWithLoss implements Parameterized {
    /** A label that does not count: no loss, no gradient (the book's {@code ignore_label}). */
    public static final int IGNORE_LABEL = -1;

    private Tensor ys;        // (N, T, V) softmax of the scores
    private Tensor dx;        // (N, T, V) the gradient backward returns, this layer's own array
    private double[] logZ = new double[0];  // (N·T) log Σ exp of each row of scores, work array of forward
    private IntTensor ts;     // (N, T)
    private int counted;      // positions whose label counts

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /**
     * Mean of {@code −log softmax(xs)[label]} over the counted positions; 0 when every label is ignored.
     * Computed as {@code logZ − x[label]}, exact even where a probability underflows.
     */
    public double forward(Tensor xs, IntTensor ts) {
        if (xs.ndim() != 3 || ts.ndim() != 2 || xs.dim(0) != ts.dim(0) || xs.dim(1) != ts.dim(1)) {
            throw new IllegalArgumentException("TimeSoftmaxWithLoss expects scores (N, T, V) and labels (N, T), got "
                    + xs.shapeString() + " and " + ts.shapeString());
        }
        int NT = ts.size(), V = xs.dim(2);
        ys = Tensor.reuse(ys, xs.shape);                   // arrays of a large vocabulary: reused from call to call
        if (logZ.length != NT) {
            logZ = new double[NT];
        }
        Kernels.softmaxRowsLogZ(xs.data, ys.data, logZ, NT, V);
        double loss = 0;
        int counted = 0;
        for (int i = 0; i < NT; i++) {
            int t = ts.data[i];
            if (t == IGNORE_LABEL) {
                continue;
            }
            if (t < 0 || t >= V) {
                throw new IllegalArgumentException("label " + t + " at position " + i + " is outside 0.." + (V - 1));
            }
            loss += logZ[i] - xs.data[i * V + t];
            counted++;
        }
        this.ts = ts;
        this.counted = counted;
        return counted == 0 ? 0 : loss / counted;
    }

    /** The gradient of the mean loss: {@code (softmax − one-hot) / counted} at counted positions, 0 elsewhere. */
    public Tensor backward() {
        return backward(1.0);
    }

    /** The gradient of {@code dout ×} the mean loss, in an array of this layer's that its next backward overwrites. */
    public Tensor backward(double dout) {
        int NT = ts.size(), V = ys.dim(2);
        dx = Tensor.reuse(dx, ys.shape);
        double scale = counted == 0 ? 0 : dout / counted;
        for (int i = 0; i < NT; i++) {
            int t = ts.data[i];
            if (t == IGNORE_LABEL) {
                Arrays.fill(dx.data, i * V, i * V + V, 0.0);  // masked
                continue;
            }
            for (int j = i * V; j < i * V + V; j++) {
                dx.data[j] = ys.data[j] * scale;
            }
            dx.data[i * V + t] -= scale;                      // (softmax − one-hot) · scale
        }
        return dx;
    }
}
