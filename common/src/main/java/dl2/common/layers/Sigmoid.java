package dl2.common.layers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.List;

/** The sigmoid layer {@code y = 1 / (1 + e^-x)}, element-wise (book 1.3.4.6). */
public final class Sigmoid implements Layer {
    private Tensor out;

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
        Tensor y = Tensor.zerosLike(x);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = Kernels.sigmoid(x.data[i]);
        }
        this.out = y;
        return y;
    }

    /** {@code dx = dout · (1 − y) · y}. */
    @Override
    public Tensor backward(Tensor dout) {
        Tensor dx = Tensor.zerosLike(out);
        for (int i = 0; i < dx.data.length; i++) {
            double y = out.data[i];
            dx.data[i] = dout.data[i] * (1.0 - y) * y;
        }
        return dx;
    }
}
