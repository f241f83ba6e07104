package dl2.common.timelayers;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Tensor;
import dl2.common.layers.Embedding;

import java.util.List;

/**
 * Embedding over a whole sequence (book 5.4.2.1): word ids {@code xs (N, T)} → vectors {@code (N, T, D)}.
 *
 * <p>The book loops over t with one {@link Embedding} per step. Row {@code (n, t)} of the output depends on
 * id {@code (n, t)} alone, so one {@link Embedding} over all {@code N·T} ids at once computes exactly the
 * same, and its backward adds every position's gradient into its id's row (a repeated id gets the sum).
 */
public final class TimeEmbedding implements Parameterized {
    private final Tensor W;           // (V, D)
    private final Embedding embed;
    private int N;
    private int T;

    public TimeEmbedding(Tensor W) {
        this.W = W;
        this.embed = new Embedding(W);
    }

    @Override
    public List<Tensor> params() {
        return embed.params();
    }

    @Override
    public List<Tensor> grads() {
        return embed.grads();
    }

    /** {@code xs (N, T)} ids → {@code (N, T, D)}. */
    public Tensor forward(IntTensor xs) {
        if (xs.ndim() != 2) {
            throw new IllegalArgumentException("TimeEmbedding expects ids of shape (N, T), got " + xs.shapeString());
        }
        N = xs.dim(0);
        T = xs.dim(1);
        return embed.forward(xs.reshape(N * T)).reshape(N, T, W.dim(1));
    }

    /** {@code dout (N, T, D)}: fills the gradient of W (the ids are not differentiable, so nothing is returned). */
    public void backward(Tensor dout) {
        embed.backward(dout.reshape(N * T, W.dim(1)));
    }
}
