package dl2.common;

import java.util.List;

/**
 * Anything that holds learnable parameters: the book's {@code self.params} and {@code self.grads}.
 *
 * <p>{@code params().get(i)} and {@code grads().get(i)} belong together and have the same shape.
 * {@code backward} writes into the tensors of {@code grads()} in place; optimizers update the
 * tensors of {@code params()} in place. Both lists are the same objects on every call.
 * Two layers may hold the very same parameter tensor (weight tying, book 6.5.3); each then has
 * its own gradient tensor, and {@code Util.removeDuplicate} (package {@code dl2.common.util}) adds them before the update.
 */
public interface Parameterized {
    List<Tensor> params();

    List<Tensor> grads();
}
