package dl2.common.layers;

import dl2.common.GradientChecker;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddingTest {
    private static GradientChecker.Report check(int[] ids, long seed) {
        Rng rng = new Rng(seed);
        Embedding layer = new Embedding(Tensor.randn(rng, 1, 6, 3));
        IntTensor idx = new IntTensor(ids, ids.length);
        Tensor r = Tensor.randn(rng, 1, ids.length, 3);
        layer.forward(idx);
        layer.backward(r);
        return GradientChecker.withDefaults().check(() -> Kernels.dot(layer.forward(idx).data, r.data),
                GradientChecker.paramEntries(layer));
    }

    @Test
    void forwardPicksRows() {
        Embedding layer = new Embedding(new Tensor(new double[] {0, 1, 10, 11, 20, 21}, 3, 2));
        Tensor out = layer.forward(new IntTensor(new int[] {2, 0, 2}, 3));
        assertArrayEquals(new double[] {20, 21, 0, 1, 20, 21}, out.data);
    }

    @Test
    void aRepeatedIdReceivesTheSumOfItsRows() {
        Embedding layer = new Embedding(Tensor.zeros(4, 2));
        layer.forward(new IntTensor(new int[] {1, 3, 1}, 3));
        layer.backward(new Tensor(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {0, 0, 1 + 5, 2 + 6, 0, 0, 3, 4}, layer.grads().get(0).data);
    }

    @Test
    void gradientCheckWithARepeatedId() {
        GradientChecker.Report report = check(new int[] {2, 0, 2, 5}, 81);
        report.assertPassed();
        assertEquals(6 * 3, report.checked());
    }

    @Test
    void gradientCheckSingleId() {
        check(new int[] {4}, 82).assertPassed();
    }

    @Test
    void backwardClearsTheOldGradient() {
        Embedding layer = new Embedding(Tensor.zeros(3, 1));
        layer.forward(new IntTensor(new int[] {0}, 1));
        layer.backward(new Tensor(new double[] {5}, 1, 1));
        layer.forward(new IntTensor(new int[] {2}, 1));
        layer.backward(new Tensor(new double[] {7}, 1, 1));
        assertEquals(List.of(0.0, 0.0, 7.0), List.of(layer.grads().get(0).data[0], layer.grads().get(0).data[1], layer.grads().get(0).data[2]));
    }
}
