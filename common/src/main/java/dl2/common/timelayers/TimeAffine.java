package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Layer;
import dl2.common.Tensor;

import java.util.List;

/**
 * Affine over a whole sequence (book 5.4.2.1): {@code xs (N, T, D)} → {@code (N, T, M)}, as the book does it,
 * with one product over all {@code N·T} rows.
 *
 * <p>{@link #tied} makes the weight-tied variant of BetterRnnlm (book 6.5.3): it holds the embedding matrix
 * {@code W (M, D)} itself, shared with {@link TimeEmbedding}, computes {@code x · Wᵀ}, and writes its
 * gradient in W's own {@code (M, D)} layout, so that the two gradients of the shared tensor can simply be added.
 *
 * <p>{@code forward} and {@code backward} return arrays the layer owns, which the next call overwrites (see
 * {@link Layer}).
 */
public final class TimeAffine implements Layer {
    private final Tensor W;           // (D, M), or (M, D) when transposed
    private final Tensor b;           // (M)
    private final Tensor dW;
    private final Tensor db;
    private final boolean transposed;
    private Tensor x;                 // (N, T, D)
    private Tensor out;               // (N, T, M) the output of the last forward
    private Tensor dx;                // (N, T, D) the input gradient of the last backward
    private Tensor wPart;             // (to − from, M) the rows of W that inputGradient needs

    /** {@code y = x · W + b} with {@code W (D, M)}. */
    public TimeAffine(Tensor W, Tensor b) {
        this(W, b, false);
    }

    private TimeAffine(Tensor W, Tensor b, boolean transposed) {
        if (W.ndim() != 2 || b.size() != W.dim(transposed ? 0 : 1)) {
            throw new IllegalArgumentException("TimeAffine weights must be W " + (transposed ? "(M, D)" : "(D, M)")
                    + " and b (M); got " + W.shapeString() + ", " + b.shapeString());
        }
        this.W = W;
        this.b = b;
        this.dW = Tensor.zerosLike(W);
        this.db = Tensor.zerosLike(b);
        this.transposed = transposed;
    }

    /** {@code y = x · Wᵀ + b} with {@code W (M, D)}: the output layer tied to an embedding matrix {@code (V, D)}. */
    public static TimeAffine tied(Tensor W, Tensor b) {
        return new TimeAffine(W, b, true);
    }

    @Override
    public List<Tensor> params() {
        return List.of(W, b);
    }

    @Override
    public List<Tensor> grads() {
        return List.of(dW, db);
    }

    /** True for the tied layer computing {@code x · Wᵀ}. */
    public boolean transposed() {
        return transposed;
    }

    @Override
    public Tensor forward(Tensor x) {
        int D = inputSize(), M = b.size();
        Steps.requireSequence("TimeAffine", x, D);
        int N = x.dim(0), T = x.dim(1);
        out = Tensor.reuse(out, N, T, M);
        if (transposed) {
            Kernels.matmulABtBias(x.data, W.data, b.data, out.data, N * T, D, M);   // rx · Wᵀ + b
        } else {
            Kernels.matmulBias(x.data, W.data, b.data, out.data, N * T, D, M);      // rx · W + b
        }
        this.x = x;
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int D = inputSize(), M = b.size(), NT = x.dim(0) * x.dim(1);
        dx = Tensor.reuse(dx, x.shape);
        if (transposed) {
            Kernels.matmul(dout.data, W.data, dx.data, NT, M, D);       // dx = dout · W
        } else {
            Kernels.matmulABt(dout.data, W.data, dx.data, NT, M, D);    // dx = dout · Wᵀ
        }
        weightGradients(dout);
        return dx;
    }

    /**
     * The parameter gradients of {@link #backward} alone, {@code dW} and {@code db}, for a caller that takes the input
     * gradient in parts with {@link #inputGradient} instead.
     */
    public void weightGradients(Tensor dout) {
        int D = inputSize(), M = b.size(), NT = x.dim(0) * x.dim(1);
        if (transposed) {
            Kernels.matmulAtB(dout.data, x.data, dW.data, NT, M, D);    // dW (M, D) = doutᵀ · rx
        } else {
            Kernels.matmulAtB(x.data, dout.data, dW.data, NT, D, M);    // dW (D, M) = rxᵀ · dout
        }
        db.fill(0);
        Kernels.sumRowsAcc(dout.data, db.data, NT, M);                 // db = Σ over the N·T rows
    }

    /**
     * Columns {@code [from, to)} of {@link #backward}'s input gradient, the gradient of {@code x[:, :, from:to]}, written
     * into {@code into} when it has the shape {@code (N, T, to − from)} (else into a new tensor); returns it. Every
     * element is the same number as in {@code backward}'s {@code dx}, and no {@code (N, T, D)} array is made: the
     * attention decoder (book 8.2.2) takes the gradients of the two halves of its input {@code [c, h]} this way, one
     * after the other, into one array.
     */
    public Tensor inputGradient(Tensor dout, int from, int to, Tensor into) {
        int D = inputSize(), M = b.size(), N = x.dim(0), T = x.dim(1), width = to - from;
        if (from < 0 || to > D || from >= to) {
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") of an input of width " + D);
        }
        Tensor part = Tensor.reuse(into, N, T, width);
        wPart = Tensor.reuse(wPart, width, M);                         // the rows of W (or columns of the tied W) it needs
        for (int i = 0; i < width; i++) {
            for (int m = 0; m < M; m++) {
                wPart.data[i * M + m] = transposed ? W.data[m * D + from + i] : W.data[(from + i) * M + m];
            }
        }
        Kernels.matmulABt(dout.data, wPart.data, part.data, N * T, M, width);   // dx[:, :, from:to] = dout · W[from:to]ᵀ
        return part;
    }

    private int inputSize() {
        return W.dim(transposed ? 1 : 0);
    }
}
