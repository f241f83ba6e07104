package dl2.common.timelayers;

import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * Sigmoid and binary cross-entropy over a whole sequence (TimeSigmoidWithLoss in the book's
 * common/time_layers.py): scores {@code xs (N, T)} and labels {@code ts (N, T)} of 0 or 1 give the mean of
 * {@code −[t·log σ(x) + (1−t)·log(1−σ(x))]} over all {@code N·T} positions (the book averages over N at each
 * step, then over T: the same number).
 */
public final class TimeSigmoidWithLoss implements Parameterized {
    private Tensor ys;        // (N, T) σ(xs)
    private IntTensor ts;     // (N, T)

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** The mean loss, computed as {@code max(x, 0) − x·t + log(1 + e^−|x|)}, exact for large |x|. */
    public double forward(Tensor xs, IntTensor ts) {
        if (xs.size() != ts.size() || xs.ndim() != 2 || ts.ndim() != 2) {
            throw new IllegalArgumentException("TimeSigmoidWithLoss expects scores (N, T) and labels (N, T), got "
                    + xs.shapeString() + " and " + ts.shapeString());
        }
        Tensor ys = Tensor.zerosLike(xs);
        double loss = 0;
        for (int i = 0; i < xs.size(); i++) {
            int t = ts.data[i];
            if (t != 0 && t != 1) {
                throw new IllegalArgumentException("label " + t + " at position " + i + " is neither 0 nor 1");
            }
            double x = xs.data[i];
            ys.data[i] = Kernels.sigmoid(x);
            loss += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
        }
        this.ys = ys;
        this.ts = ts;
        return loss / xs.size();
    }

    /** The gradient of the mean loss: {@code (σ(x) − t) / (N·T)}. */
    public Tensor backward() {
        return backward(1.0);
    }

    /** The gradient of {@code dout ×} the mean loss. */
    public Tensor backward(double dout) {
        Tensor dx = Tensor.zerosLike(ys);
        double scale = dout / ys.size();
        for (int i = 0; i < ys.size(); i++) {
            dx.data[i] = (ys.data[i] - ts.data[i]) * scale;
        }
        return dx;
    }
}
