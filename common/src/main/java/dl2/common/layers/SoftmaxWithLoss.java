package dl2.common.layers;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * Softmax followed by the cross-entropy error (book 1.3.5.3): scores {@code (N, C)} and labels
 * {@code (N)} give the mean loss over the {@code N} rows.
 */
public final class SoftmaxWithLoss implements Parameterized {
    private Tensor y;      // (N, C) softmax output
    private IntTensor t;   // (N) labels

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** Mean cross-entropy of {@code softmax(x)} against the labels {@code t}. */
    public double forward(Tensor x, IntTensor t) {
        this.y = Functions.softmax(x);
        this.t = t;
        return Functions.crossEntropyError(y, t);
    }

    /** The gradient of the mean loss (dout = 1): {@code dx = (y − onehot(t)) / N}. */
    public Tensor backward() {
        int C = y.dim(-1), N = y.size() / C;
        Tensor dx = y.copy();
        for (int n = 0; n < N; n++) {
            dx.data[n * C + Functions.label(t, n, C)] -= 1;
        }
        for (int i = 0; i < dx.data.length; i++) {
            dx.data[i] /= N;
        }
        return dx;
    }
}
