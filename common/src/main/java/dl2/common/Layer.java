package dl2.common;

/**
 * The book's layer contract for a layer with one input and one output (book 1.3, used throughout):
 * {@code forward} computes the output and keeps what {@code backward} needs; {@code backward} takes the
 * gradient of the loss with respect to the output, fills {@link #grads()} and returns the gradient with
 * respect to the input.
 *
 * <p>A layer may write its output and its input gradient into arrays it owns and return those, so that
 * training does not make a new {@code (N, T, H)} array at every step: the next call of the same method
 * then overwrites them. {@code TimeLSTM}, {@code TimeAffine}, {@code TimeDropout}, {@code Softmax}, {@code Embedding}
 * and the attention layers do so; {@code copy()} a result to keep it past the next call.
 *
 * <p>Layers with other signatures (Embedding takes ids, loss layers take labels, attention takes two
 * inputs) implement {@link Parameterized} and name their own {@code forward}/{@code backward}.
 */
public interface Layer extends Parameterized {
    Tensor forward(Tensor x);

    Tensor backward(Tensor dout);
}
