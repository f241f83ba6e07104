package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.Model;
import dl2.common.optimizer.Optimizer;
import dl2.common.util.Util;
import dl2.common.util.Util.ParamsGrads;

/**
 * One update, the body of the book's training loops (book {@code common/trainer.py}): forward, backward, merge
 * tied weights, clip, update. {@link Trainer} and {@link RnnlmTrainer} call it; so can a program with its own loop.
 */
public final class TrainingStep {
    private TrainingStep() {
    }

    /**
     * Runs one update on a batch and returns its loss.
     *
     * @param maxGrad the gradient clipping norm, or 0 (or less) for none
     * @param maxLoss the largest loss that is not a divergence ({@code Double.MAX_VALUE} for any finite loss)
     * @throws TrainingDivergedException before the update when the loss is not finite or above {@code maxLoss},
     *                                   or the gradient norm is not finite
     */
    public static <X> double run(Model<X> model, Optimizer optimizer, X x, IntTensor t, double maxGrad, double maxLoss, int epoch, int iter) {
        double loss = model.forward(x, t);
        TrainingDivergedException.checkLoss(loss, maxLoss, epoch, iter);
        model.backward();
        ParamsGrads pg = Util.removeDuplicate(model.params(), model.grads());
        // clipGrads returns the norm before clipping; an infinite bound only measures it.
        double norm = Util.clipGrads(pg.grads(), maxGrad > 0 ? maxGrad : Double.POSITIVE_INFINITY);
        TrainingDivergedException.checkGradientNorm(norm, epoch, iter);
        optimizer.update(pg.params(), pg.grads());
        return loss;
    }
}
