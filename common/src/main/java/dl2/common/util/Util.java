package dl2.common.util;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.Tensor;
import dl2.common.UserException;

import java.util.ArrayList;
import java.util.List;

/**
 * The training helpers of the book's {@code common/util.py} ({@code clip_grads}, {@code eval_perplexity})
 * and {@code common/trainer.py} ({@code remove_duplicate}).
 */
public final class Util {
    private Util() {
    }

    /** A parameter list and its gradient list, index by index. */
    public record ParamsGrads(List<Tensor> params, List<Tensor> grads) {
    }

    /** Told how far {@link #evalPerplexity} has come: {@code done} of {@code total} windows. */
    @FunctionalInterface
    public interface Progress {
        void report(int done, int total);
    }

    /**
     * Gradient clipping (book 5.5.3 / 6.1.4): when the L2 norm of all gradients together exceeds
     * {@code maxNorm}, that is when {@code maxNorm / (norm + 1e-6) < 1}, every gradient is scaled in place by
     * that rate.
     *
     * @return the norm before clipping
     */
    public static double clipGrads(List<Tensor> grads, double maxNorm) {
        double sum = 0;
        for (Tensor g : grads) {
            for (double v : g.data) {
                sum += v * v;
            }
        }
        double norm = Math.sqrt(sum);
        double rate = maxNorm / (norm + 1e-6);
        if (rate < 1) {
            for (Tensor g : grads) {
                for (int i = 0; i < g.data.length; i++) {
                    g.data[i] *= rate;
                }
            }
        }
        return norm;
    }

    /**
     * Merges shared weights before an update (the book's {@code remove_duplicate}, used for weight tying in
     * 6.5.3): when the very same tensor object appears several times in {@code params}, the gradients of the
     * later appearances are added into the gradient of the first one (in place, as the book does) and the
     * later pairs are dropped. The input lists are not changed; the returned ones are shorter.
     *
     * <p>The book also merges a weight that appears as the transpose of another. Java has no transposed
     * views: a tied, transposed weight is the same tensor object which the layer reads transposed, and the
     * layer writes its gradient in the parameter's own layout, so object identity is the only rule needed.
     */
    public static ParamsGrads removeDuplicate(List<Tensor> params, List<Tensor> grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + grads.size() + " gradients");
        }
        List<Tensor> ps = new ArrayList<>();
        List<Tensor> gs = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            int first = indexOfSame(ps, params.get(i));
            if (first < 0) {
                ps.add(params.get(i));
                gs.add(grads.get(i));
            } else {
                double[] into = gs.get(first).data, add = grads.get(i).data;
                for (int j = 0; j < into.length; j++) {
                    into[j] += add[j];
                }
            }
        }
        return new ParamsGrads(ps, gs);
    }

    private static int indexOfSame(List<Tensor> list, Tensor t) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == t) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #evalPerplexity(LanguageModel, int[], int, int, Progress)} without progress reports. */
    public static double evalPerplexity(LanguageModel model, int[] corpus, int batchSize, int timeSize) {
        return evalPerplexity(model, corpus, batchSize, timeSize, (done, total) -> {
        });
    }

    /**
     * Perplexity of {@code model} on {@code corpus} (the book's {@code eval_perplexity}, 6.4): the state is
     * reset, then the corpus is read in {@code (batchSize, timeSize)} windows, row {@code i} starting at
     * {@code i · (size − 1) / batchSize} and every window moving {@code timeSize} words on, each word's
     * target being the next word; the result is {@code exp(mean loss)}. A model with dropout must be put in
     * evaluation mode by the caller first (the book passes {@code train_flg=False}).
     */
    public static double evalPerplexity(LanguageModel model, int[] corpus, int batchSize, int timeSize, Progress progress) {
        int size = corpus.length;
        int maxIters = (size - 1) / (batchSize * timeSize);
        if (maxIters == 0) {
            throw new UserException("a corpus of " + size + " words is too short to measure perplexity with batches of "
                    + batchSize + " rows of " + timeSize + " words; use a longer corpus or smaller batch and time sizes");
        }
        int jump = (size - 1) / batchSize;
        model.resetState();
        double totalLoss = 0;
        for (int iter = 0; iter < maxIters; iter++) {
            IntTensor xs = IntTensor.zeros(batchSize, timeSize);
            IntTensor ts = IntTensor.zeros(batchSize, timeSize);
            int timeOffset = iter * timeSize;
            for (int i = 0; i < batchSize; i++) {
                int offset = timeOffset + i * jump;
                for (int t = 0; t < timeSize; t++) {
                    xs.data[i * timeSize + t] = corpus[(offset + t) % size];
                    ts.data[i * timeSize + t] = corpus[(offset + t + 1) % size];
                }
            }
            totalLoss += model.forward(xs, ts);
            progress.report(iter + 1, maxIters);
        }
        return Math.exp(totalLoss / maxIters);
    }
}
