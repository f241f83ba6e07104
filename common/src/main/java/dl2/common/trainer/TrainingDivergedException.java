package dl2.common.trainer;

import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.util.Util;

import java.util.List;

/**
 * Training stopped at the first loss or gradient norm that is not a finite number (or a loss so large that
 * its perplexity is infinite). It is thrown before the update of that iteration, so the model still holds
 * the last good parameters; a program that saves them says where with {@link #keeping(String)}. Its message
 * is the one sentence a program prints:
 * <pre>
 * training diverged at epoch 2, iteration 4: the loss is NaN; try a smaller learning rate or gradient clipping
 * </pre>
 * The {@code check} methods are the tests the trainers make at every iteration; a hand-written training loop
 * (the book's {@code train_custom_loop.py}) calls them between its forward, backward and update.
 */
public final class TrainingDivergedException extends UserException {
    /** The largest loss whose perplexity {@code exp(loss)} is finite, about 709.78. */
    public static final double MAX_PERPLEXITY_LOSS = Math.log(Double.MAX_VALUE);

    private static final String ADVICE = "try a smaller learning rate or gradient clipping";

    private final int epoch;
    private final int iteration;
    private final String where;
    private final String what;

    /**
     * Training diverged at {@code iteration} (1-based) of {@code epoch}, or of the whole run when {@code epoch} is 0
     * (a loop counted in iterations only); {@code what} says which value, e.g. "the loss is NaN".
     */
    public TrainingDivergedException(int epoch, int iteration, String what) {
        this(epoch, iteration, (epoch == 0 ? "" : "epoch " + epoch + ", ") + "iteration " + iteration, what, null);
    }

    private TrainingDivergedException(int epoch, int iteration, String where, String what, String kept) {
        super("training diverged at " + where + ": " + what + "; " + (kept == null ? "" : kept + "; ") + ADVICE);
        this.epoch = epoch;
        this.iteration = iteration;
        this.where = where;
        this.what = what;
    }

    /**
     * The same exception, its message also saying what the program kept on disk, e.g. "the parameters from before
     * that iteration are saved in out/train-rnnlm/Rnnlm.params".
     */
    public TrainingDivergedException keeping(String kept) {
        return new TrainingDivergedException(epoch, iteration, where, what, kept);
    }

    /** The epoch of the iteration that diverged (1-based; 0 when the loop has no epochs). */
    public int epoch() {
        return epoch;
    }

    /** The iteration that diverged, 1-based, within its epoch. */
    public int iteration() {
        return iteration;
    }

    /** Throws when {@code loss} is not a finite number or is above {@code maxLoss} ({@code epoch} 0: no epochs). */
    public static void checkLoss(double loss, double maxLoss, int epoch, int iteration) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, iteration, "the loss is " + loss);
        }
        if (loss > maxLoss) {
            throw new TrainingDivergedException(epoch, iteration, "the loss is " + loss + ", so large that the perplexity exp(loss) is infinite");
        }
    }

    /** Throws when the global norm of {@code grads} (a NaN or infinite element in any of them) is not finite. */
    public static void checkGradients(List<Tensor> grads, int epoch, int iteration) {
        checkGradientNorm(Util.clipGrads(grads, Double.POSITIVE_INFINITY), epoch, iteration);
    }

    /** Throws when {@code norm}, the global norm of the gradients, is not finite. */
    static void checkGradientNorm(double norm, int epoch, int iteration) {
        if (!Double.isFinite(norm)) {
            throw new TrainingDivergedException(epoch, iteration, "the gradient norm is " + norm);
        }
    }
}
