package dl2.common.timelayers;

import dl2.common.GradientChecker.Entry;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dl2.common.timelayers.TimeTestSupport.CHECKER;
import static dl2.common.timelayers.TimeTestSupport.assertClose;
import static dl2.common.timelayers.TimeTestSupport.dot;
import static dl2.common.timelayers.TimeTestSupport.entries;
import static dl2.common.timelayers.TimeTestSupport.randn;
import static dl2.common.timelayers.TimeTestSupport.timeSlice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RNNTest {
    static final int D = 4;
    static final int H = 3;

    static TimeRNN timeRnn(Rng rng, boolean stateful) {
        return new TimeRNN(randn(rng, D, H), randn(rng, H, H), randn(rng, H), stateful);
    }

    @Test
    void stepForwardIsTheBookFormula() {
        Rng rng = new Rng(1);
        RNN rnn = new RNN(randn(rng, D, H), randn(rng, H, H), randn(rng, H));
        Tensor x = randn(rng, 2, D);
        Tensor h = randn(rng, 2, H);
        Tensor out = rnn.forward(x, h);
        Tensor Wx = rnn.params().get(0), Wh = rnn.params().get(1), b = rnn.params().get(2);
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < H; j++) {
                double s = b.data[j];
                for (int d = 0; d < D; d++) {
                    s += x.get(n, d) * Wx.get(d, j);
                }
                for (int k = 0; k < H; k++) {
                    s += h.get(n, k) * Wh.get(k, j);
                }
                assertEquals(Math.tanh(s), out.get(n, j), 1e-12);
            }
        }
    }

    @Test
    void stepGradients() {
        Rng rng = new Rng(2);
        RNN rnn = new RNN(randn(rng, D, H), randn(rng, H, H), randn(rng, H));
        Tensor x = randn(rng, 3, D);
        Tensor h = randn(rng, 3, H);
        Tensor r = randn(rng, 3, H);
        rnn.forward(x, h);
        RNN.Gradients g = rnn.backward(r);
        List<Entry> e = entries("x", x, g.dx(), rnn);
        e.add(new Entry("hPrev", h, g.dhPrev().copy()));
        CHECKER.check(() -> dot(rnn.forward(x, h), r), e).assertPassed();
    }

    @Test
    void stepBackwardOverwritesItsGradients() {
        Rng rng = new Rng(3);
        RNN rnn = new RNN(randn(rng, D, H), randn(rng, H, H), randn(rng, H));
        Tensor x = randn(rng, 2, D);
        Tensor h = randn(rng, 2, H);
        Tensor r = randn(rng, 2, H);
        rnn.forward(x, h);
        rnn.backward(r);
        Tensor first = rnn.grads().get(0).copy();
        rnn.backward(r);
        assertClose(first, rnn.grads().get(0), 0);
    }

    @Test
    void timeRnnGradients() {
        Rng rng = new Rng(4);
        CHECKER.checkLayer(timeRnn(rng, false), randn(rng, 3, 5, D), 11).assertPassed();
    }

    @Test
    void timeRnnOneStepAndOneRow() {
        Rng rng = new Rng(5);
        CHECKER.checkLayer(timeRnn(rng, false), randn(rng, 2, 1, D), 12).assertPassed();
        CHECKER.checkLayer(timeRnn(rng, false), randn(rng, 1, 4, D), 13).assertPassed();
        CHECKER.checkLayer(timeRnn(rng, false), randn(rng, 1, 1, D), 14).assertPassed();
    }

    /** The second call of a stateful layer, the state carried from the first held fixed; dh() against the numeric gradient of that state. */
    @Test
    void statefulSecondCallGradientsAndDh() {
        Rng rng = new Rng(6);
        TimeRNN layer = timeRnn(rng, true);
        Tensor xs1 = randn(rng, 2, 3, D);
        Tensor xs2 = randn(rng, 2, 4, D);
        layer.forward(xs1);
        Tensor carried = layer.state().copy();
        Tensor out = layer.forward(xs2);
        Tensor r = randn(rng, out.shape);
        Tensor dxs = layer.backward(r);
        List<Entry> e = entries("xs2", xs2, dxs, layer);
        e.add(new Entry("carried h", carried, layer.dh().copy()));
        CHECKER.check(() -> {
            layer.setState(carried);
            return dot(layer.forward(xs2), r);
        }, e).assertPassed();
    }

    @Test
    void dhIsTheGradientOfTheInitialStateWithOneStep() {
        Rng rng = new Rng(7);
        TimeRNN layer = timeRnn(rng, true);
        Tensor h0 = randn(rng, 3, H);
        Tensor xs = randn(rng, 3, 1, D);
        layer.setState(h0);
        Tensor r = randn(rng, layer.forward(xs).shape);
        layer.backward(r);
        CHECKER.check(() -> {
            layer.setState(h0);
            return dot(layer.forward(xs), r);
        }, List.of(new Entry("h0", h0, layer.dh().copy()))).assertPassed();
    }

    @Test
    void statefulCallsInTwoBlocksEqualOneCall() {
        Rng rng = new Rng(8);
        Tensor Wx = randn(rng, D, H), Wh = randn(rng, H, H), b = randn(rng, H);
        Tensor xs = randn(rng, 2, 5, D);
        Tensor whole = new TimeRNN(Wx, Wh, b, false).forward(xs);
        TimeRNN split = new TimeRNN(Wx, Wh, b, true);
        Tensor first = split.forward(timeSlice(xs, 0, 2));
        Tensor second = split.forward(timeSlice(xs, 2, 5));
        assertClose(timeSlice(whole, 0, 2), first, 1e-12);
        assertClose(timeSlice(whole, 2, 5), second, 1e-12);
        split.resetState();
        assertClose(timeSlice(whole, 0, 2), split.forward(timeSlice(xs, 0, 2)), 1e-12);
    }

    @Test
    void notStatefulStartsFromZerosEveryCall() {
        Rng rng = new Rng(9);
        TimeRNN layer = timeRnn(rng, false);
        Tensor xs = randn(rng, 2, 3, D);
        Tensor a = layer.forward(xs).copy();
        layer.forward(randn(rng, 2, 3, D));
        assertClose(a, layer.forward(xs), 0);
        assertThrows(IllegalStateException.class, () -> layer.setState(Tensor.zeros(2, H)));
    }

    @Test
    void statefulRejectsAnotherBatchSize() {
        Rng rng = new Rng(10);
        TimeRNN layer = timeRnn(rng, true);
        layer.forward(randn(rng, 2, 3, D));
        assertThrows(IllegalArgumentException.class, () -> layer.forward(randn(rng, 3, 3, D)));
        layer.resetState();
        assertEquals(3, layer.forward(randn(rng, 3, 3, D)).dim(0));
    }
}
