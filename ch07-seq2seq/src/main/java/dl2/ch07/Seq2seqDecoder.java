package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Parameterized;
import dl2.common.Tensor;

/**
 * What {@link Seq2seq} needs from its decoder: the methods that the book's {@code Decoder},
 * {@code PeekyDecoder} and {@code AttentionDecoder} share by name (book 7.2.2, 7.4.2, 8.2.4).
 *
 * <p>{@code h} is whatever the paired {@link Encoder} returns: the last hidden state (N, H) for
 * {@link Decoder} and {@link PeekyDecoder}, all hidden states (N, T, H) for the attention decoder.
 */
public interface Seq2seqDecoder extends Parameterized {
    /**
     * Teacher-forced forward pass: {@code xs} (N, T) are the decoder inputs (the answer shifted right).
     *
     * @return scores over the vocabulary, (N, T, V)
     */
    Tensor forward(IntTensor xs, Tensor h);

    /**
     * Back-propagates {@code dscore} (N, T, V), fills {@link #grads()} and returns the gradient of the
     * {@code h} given to {@link #forward}.
     */
    Tensor backward(Tensor dscore);

    /** Greedy decoding of {@code sampleSize} characters for every row of {@code h}: (N, sampleSize). */
    IntTensor generate(Tensor h, int startId, int sampleSize);

    /** Index of the largest score of each row of {@code score} (N, V), the first one on a tie like {@code np.argmax}. */
    static int[] argmaxRows(Tensor score, int n, int v) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < v; j++) {
                if (score.data[i * v + j] > score.data[i * v + best]) {
                    best = j;
                }
            }
            ids[i] = best;
        }
        return ids;
    }
}
