package dl2.common.layers;

import dl2.common.IntTensor;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionsTest {
    @Test
    void softmaxOfRowsLeavesTheInputAlone() {
        Tensor x = new Tensor(new double[] {0, Math.log(3), Math.log(2), 0}, 2, 2);
        Tensor y = Functions.softmax(x);
        assertArrayEquals(new double[] {0.25, 0.75, 2.0 / 3, 1.0 / 3}, y.data, 1e-15);
        assertEquals(Math.log(3), x.data[1]);
    }

    @Test
    void crossEntropyIsTheMeanOfGuardedLogs() {
        Tensor y = new Tensor(new double[] {0.2, 0.8, 1.0, 0.0}, 2, 2);
        double e = Functions.crossEntropyError(y, new IntTensor(new int[] {1, 1}, 2));
        assertEquals(-(Math.log(0.8 + 1e-7) + Math.log(1e-7)) / 2, e, 1e-15);
        assertEquals(8.17, e, 0.01);  // finite although one probability is 0
    }

    @Test
    void crossEntropyNeedsOneLabelPerRow() {
        assertThrows(IllegalArgumentException.class,
                () -> Functions.crossEntropyError(Tensor.zeros(2, 3), new IntTensor(new int[] {0}, 1)));
    }
}
