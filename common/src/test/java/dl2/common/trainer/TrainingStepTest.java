package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.optimizer.SGD;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingStepTest {
    private static final IntTensor LABELS = new IntTensor(new int[] {0, 1, 1}, 3);

    @Test
    void oneStepIsForwardBackwardClipAndUpdate() {
        Rng rng = new Rng(4);
        TrainerTest.Linear model = new TrainerTest.Linear(2, 2, rng);
        Tensor x = Tensor.randn(rng, 1, 3, 2);
        Tensor W = model.params().get(0);
        double[] before = W.data.clone();

        double loss = TrainingStep.run(model, new SGD(0.5), x, LABELS, 0, Double.MAX_VALUE, 1, 1);
        assertTrue(loss > 0 && Double.isFinite(loss), "a cross-entropy loss");
        double[] grad = model.grads().get(0).data;
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] - 0.5 * grad[i], W.data[i], 1e-15, "W - lr * dW at " + i);
        }
    }

    @Test
    void clippingBoundsTheStep() {
        Rng rng = new Rng(4);
        TrainerTest.Linear model = new TrainerTest.Linear(2, 2, rng);
        Tensor x = Tensor.randn(rng, 100, 3, 2);   // huge inputs: huge gradients
        double[] before = model.params().get(0).data.clone();
        TrainingStep.run(model, new SGD(1), x, LABELS, 1e-3, Double.MAX_VALUE, 1, 1);
        double moved = 0;
        for (int i = 0; i < before.length; i++) {
            double d = model.params().get(0).data[i] - before[i];
            moved += d * d;
        }
        assertTrue(Math.sqrt(moved) <= 1e-3 + 1e-12, "the clipped step of W is at most the clipping norm");
    }

    @Test
    void aNonFiniteLossStopsBeforeTheUpdate() {
        Rng rng = new Rng(4);
        TrainerTest.Linear model = new TrainerTest.Linear(2, 2, rng);
        Tensor x = Tensor.randn(rng, 1, 3, 2);
        x.data[0] = Double.NaN;
        double[] before = model.params().get(0).data.clone();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingStep.run(model, new SGD(1), x, LABELS, 0, Double.MAX_VALUE, 3, 7));
        assertEquals(3, e.epoch());
        assertEquals(7, e.iteration());
        assertArrayEquals(before, model.params().get(0).data, 0.0);
    }
}
