package dl2.common.layers;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * Sigmoid followed by the binary cross-entropy error (book 4.2.3): one score per example and a label
 * 0 or 1 (held as a double) give the mean of {@code −t·log(y + 1e-7) − (1 − t)·log(1 − y + 1e-7)},
 * which is the book's {@code cross_entropy_error(np.c_[1 - y, y], t)} written out.
 */
public final class SigmoidWithLoss implements Parameterized {
    private Tensor y;   // (N) sigmoid output
    private Tensor t;   // (N) labels

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** Mean binary cross-entropy of {@code sigmoid(x)} against {@code t}; {@code x} and {@code t} have the same size. */
    public double forward(Tensor x, Tensor t) {
        if (x.size() != t.size()) {
            throw new IllegalArgumentException("scores " + x.shapeString() + " and labels " + t.shapeString() + " differ in size");
        }
        int N = x.size();
        this.y = Tensor.zerosLike(x);
        this.t = t;
        double sum = 0;
        for (int n = 0; n < N; n++) {
            double p = Kernels.sigmoid(x.data[n]);
            y.data[n] = p;
            double tn = t.data[n];
            sum += tn * Math.log(p + Functions.LOG_GUARD) + (1 - tn) * Math.log(1 - p + Functions.LOG_GUARD);
        }
        return -sum / N;
    }

    /** The gradient of the mean loss (dout = 1): {@code dx = (y − t) / N}. */
    public Tensor backward() {
        int N = y.size();
        Tensor dx = Tensor.zerosLike(y);
        for (int n = 0; n < N; n++) {
            dx.data[n] = (y.data[n] - t.data[n]) / N;
        }
        return dx;
    }
}
