package dl2.common.layers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.List;

/**
 * The softmax layer over the last axis (book 1.3.5.3, used again by attention in 8.1). Its output and input
 * gradient are arrays it owns, overwritten by the next call (see {@link Layer}).
 */
public final class Softmax implements Layer {
    private Tensor out;   // (..., C) the output of the last forward, overwritten by the next one
    private Tensor dx;    // (..., C) the input gradient of the last backward

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor x) {
        out = Tensor.reuse(out, x.shape);
        int C = x.dim(-1);
        Kernels.softmaxRows(x.data, out.data, x.size() / C, C);
        return out;
    }

    /** {@code dx = y · dout − y · Σ_row(y · dout)}. */
    @Override
    public Tensor backward(Tensor dout) {
        int C = out.dim(-1), rows = out.size() / C;
        dx = Tensor.reuse(dx, out.shape);
        for (int r = 0; r < rows; r++) {
            int o = r * C;
            double sum = 0;
            for (int j = 0; j < C; j++) {
                dx.data[o + j] = out.data[o + j] * dout.data[o + j];
                sum += dx.data[o + j];
            }
            for (int j = 0; j < C; j++) {
                dx.data[o + j] -= out.data[o + j] * sum;
            }
        }
        return dx;
    }
}
