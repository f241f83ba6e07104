package dl2.common;

/**
 * A whole network trained by {@link dl2.common.trainer.Trainer} or {@link dl2.common.trainer.RnnlmTrainer}
 * (the book's {@code BaseModel} plus its models' {@code forward(xs, ts)} / {@code backward(dout=1)}).
 *
 * @param <X> the input type: {@link IntTensor} of word or character ids, or {@link Tensor} of features
 */
public interface Model<X> extends Parameterized {
    /** Runs the network on a batch and returns the mean loss. */
    double forward(X x, IntTensor t);

    /** Back-propagates from the loss (dout = 1) and fills {@link #grads()}. */
    void backward();
}
