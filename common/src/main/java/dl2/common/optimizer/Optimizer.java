package dl2.common.optimizer;

import dl2.common.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A rule that moves the parameters against their gradients (book 1.4 and {@code common/optimizer.py}).
 *
 * <p>{@code update} changes the tensors of {@code params} in place; {@code params.get(i)} goes with
 * {@code grads.get(i)}. Stateful optimizers create their buffers (momentum, running averages) on the
 * first update, with the shapes of the parameters given then, and expect the same list afterwards.
 */
public interface Optimizer {
    void update(List<Tensor> params, List<Tensor> grads);

    double learningRate();

    /** Changes the learning rate for the next updates (the book's {@code optimizer.lr /= 4.0}). */
    void setLearningRate(double lr);

    /**
     * The internal buffers, for checkpoints: keys such as {@code "v.0"}, {@code "m.3"} (buffer of parameter
     * 3) and {@code "iter"} (a 1-element tensor); empty before the first update. The tensors are the
     * optimizer's own, not copies: save them, do not change them.
     */
    Map<String, Tensor> state();

    /** Replaces the internal buffers by copies of a map returned by {@link #state()}; an empty map resets them. */
    void loadState(Map<String, Tensor> state);
}
