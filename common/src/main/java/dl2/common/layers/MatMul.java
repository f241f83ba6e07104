package dl2.common.layers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.List;

/** The MatMul node {@code y = x · W} (book 1.3.4.5). */
public final class MatMul implements Layer {
    private final Tensor W;   // (D, H)
    private final Tensor dW;  // (D, H)
    private Tensor x;         // (N, D)

    public MatMul(Tensor W) {
        this.W = W;
        this.dW = Tensor.zerosLike(W);
    }

    @Override
    public List<Tensor> params() {
        return List.of(W);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dW);
    }

    @Override
    public Tensor forward(Tensor x) {
        int D = W.dim(0), H = W.dim(1), N = x.size() / D;
        Tensor out = Tensor.zeros(N, H);
        Kernels.matmul(x.data, W.data, out.data, N, D, H);
        this.x = x;
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int D = W.dim(0), H = W.dim(1), N = x.size() / D;
        Tensor dx = Tensor.zeros(x.shape);
        Kernels.matmulABt(dout.data, W.data, dx.data, N, H, D);  // dx = dout · Wᵀ
        Kernels.matmulAtB(x.data, dout.data, dW.data, N, D, H);  // dW = xᵀ · dout
        return dx;
    }
}
