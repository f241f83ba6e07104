package dl2.common.layers;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Tensor;

import java.util.List;

/**
 * Embedding: picks rows of {@code W} by id (book 4.1.3); its backward adds the gradient rows back. The output is
 * an array it owns, overwritten by the next forward (see {@link dl2.common.Layer}).
 */
public final class Embedding implements Parameterized {
    private final Tensor W;   // (V, D)
    private final Tensor dW;
    private IntTensor idx;    // (N)
    private Tensor out;       // (N, D) the output of the last forward

    public Embedding(Tensor W) {
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

    /** {@code out[n] = W[idx[n]]}: {@code (N)} ids give {@code (N, D)} vectors. */
    public Tensor forward(IntTensor idx) {
        int D = W.dim(1), N = idx.size();
        out = Tensor.reuse(out, N, D);
        for (int n = 0; n < N; n++) {
            System.arraycopy(W.data, idx.data[n] * D, out.data, n * D, D);
        }
        this.idx = idx;
        return out;
    }

    /** {@code dW[idx[n]] += dout[n]}: a repeated id receives the sum of its rows (book's {@code np.add.at}). */
    public void backward(Tensor dout) {
        int D = W.dim(1), N = idx.size();
        dW.fill(0);
        for (int n = 0; n < N; n++) {
            int row = idx.data[n] * D;
            for (int j = 0; j < D; j++) {
                dW.data[row + j] += dout.data[n * D + j];
            }
        }
    }
}
