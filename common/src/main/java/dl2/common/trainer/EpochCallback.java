package dl2.common.trainer;

/**
 * Called by {@link Trainer} and {@link RnnlmTrainer} after every epoch, the place for what the book's
 * training scripts do between {@code trainer.fit(..., max_epoch=1)} calls: evaluate on validation data,
 * write a {@code metrics.csv} row, change the learning rate, save the parameters.
 */
@FunctionalInterface
public interface EpochCallback {
    /**
     * @param epoch    the epoch just finished, 1-based, counted over the trainer's life
     * @param meanLoss the mean training loss over the epoch's iterations
     */
    void afterEpoch(int epoch, double meanLoss);
}
