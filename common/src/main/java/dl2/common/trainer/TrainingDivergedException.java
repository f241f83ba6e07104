package dl2.common.trainer;

import dl2.common.UserException;

/**
 * Training stopped at the first loss or gradient norm that is not a finite number. The update of that
 * iteration was not applied, so the model still holds the last good parameters.
 */
public final class TrainingDivergedException extends UserException {
    private final int epoch;
    private final int iteration;

    public TrainingDivergedException(int epoch, int iteration, String what) {
        super("training diverged at epoch " + epoch + ", iteration " + iteration + ": " + what
                + "; try a smaller learning rate or gradient clipping (the parameters are kept from before this iteration)");
        this.epoch = epoch;
        this.iteration = iteration;
    }

    public int epoch() {
        return epoch;
    }

    public int iteration() {
        return iteration;
    }
}
