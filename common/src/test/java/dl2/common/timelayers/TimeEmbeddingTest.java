package dl2.common.timelayers;

import dl2.common.GradientChecker;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.dot;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeEmbeddingTest {
    static final int V = 6;
    static final int D = 3;

    @Test
    void forwardPicksTheRowOfEachId() {
        Rng rng = new Rng(1);
        Tensor W = randn(rng, V, D);
        IntTensor xs = new IntTensor(new int[] {5, 0, 2, 2, 1, 4}, 2, 3);
        Tensor out = new TimeEmbedding(W).forward(xs);
        assertEquals("(2, 3, 3)", out.shapeString());
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 3; t++) {
                for (int d = 0; d < D; d++) {
                    assertEquals(W.get(xs.get(n, t), d), out.get(n, t, d));
                }
            }
        }
    }

    @Test
    void gradientsAddUpOverRepeatedIds() {
        Rng rng = new Rng(2);
        TimeEmbedding layer = new TimeEmbedding(randn(rng, V, D));
        IntTensor xs = new IntTensor(new int[] {3, 1, 3, 0, 3, 1, 5, 1}, 2, 4);  // id 3 three times, id 1 three times
        Tensor r = randn(rng, 2, 4, D);
        layer.forward(xs);
        layer.backward(r);
        GradientChecker.Report report = CHECKER.check(() -> dot(layer.forward(xs), r), GradientChecker.paramEntries(layer));
        report.assertPassed();
        Tensor dW = layer.grads().get(0);
        for (int d = 0; d < D; d++) {
            assertEquals(r.get(0, 0, d) + r.get(0, 2, d) + r.get(1, 0, d), dW.get(3, d), 1e-15);
            assertEquals(0.0, dW.get(2, d));  // an id that does not occur
        }
    }
}
