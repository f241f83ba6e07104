package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.Model;
import dl2.common.optimizer.Optimizer;
import dl2.common.util.Util;
import dl2.common.util.Util.ParamsGrads;

/** One update, the body of the book's training loops: forward, backward, merge tied weights, clip, update. */
final class TrainingStep {
    private TrainingStep() {
    }

    /**
     * Runs one update on a batch and returns its loss.
     *
     * @param maxGrad the gradient clipping norm, or 0 (or less) for none
     * @throws TrainingDivergedException before the update when the loss or the gradient norm is not finite
     */
    static <X> double run(Model<X> model, Optimizer optimizer, X x, IntTensor t, double maxGrad, int epoch, int iter) {
        double loss = model.forward(x, t);
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, iter, "the loss is " + loss);
        }
        model.backward();
        ParamsGrads pg = Util.removeDuplicate(model.params(), model.grads());
        // clipGrads returns the norm before clipping; an infinite bound only measures it.
        double norm = Util.clipGrads(pg.grads(), maxGrad > 0 ? maxGrad : Double.POSITIVE_INFINITY);
        if (!Double.isFinite(norm)) {
            throw new TrainingDivergedException(epoch, iter, "the gradient norm is " + norm);
        }
        optimizer.update(pg.params(), pg.grads());
        return loss;
    }
}
