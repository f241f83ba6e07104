package dl2.common.layers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.List;

/** The fully connected layer {@code y = x · W + b} (book 1.3.5.3). */
public final class Affine implements Layer {
    private final Tensor W;   // (D, H)
    private final Tensor b;   // (H)
    private final Tensor dW;
    private final Tensor db;
    private Tensor x;         // (N, D)

    public Affine(Tensor W, Tensor b) {
        this.W = W;
        this.b = b;
        this.dW = Tensor.zerosLike(W);
        this.db = Tensor.zerosLike(b);
    }

    @Override
    public List<Tensor> params() {
        return List.of(W, b);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dW, db);
    }

    @Override
    public Tensor forward(Tensor x) {
        int D = W.dim(0), H = W.dim(1), N = x.size() / D;
        Tensor out = Tensor.zeros(N, H);
        Kernels.matmulBias(x.data, W.data, b.data, out.data, N, D, H);  // x · W + b
        this.x = x;
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int D = W.dim(0), H = W.dim(1), N = x.size() / D;
        Tensor dx = Tensor.zeros(x.shape);
        Kernels.matmulABt(dout.data, W.data, dx.data, N, H, D);  // dx = dout · Wᵀ
        Kernels.matmulAtB(x.data, dout.data, dW.data, N, D, H);  // dW = xᵀ · dout
        db.fill(0);
        Kernels.sumRowsAcc(dout.data, db.data, N, H);             // db = Σ over rows of dout
        return dx;
    }
}
