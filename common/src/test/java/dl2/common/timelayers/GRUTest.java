package dl2.common.timelayers;

import dl2.common.GradientChecker.Entry;
import dl2.common.Kernels;
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

class GRUTest {
    static final int D = 5;
    static final int H = 4;

    static GRU gru(Rng rng) {
        return new GRU(randn(rng, D, 3 * H), randn(rng, H, 3 * H), randn(rng, 3 * H));
    }

    static TimeGRU timeGru(Rng rng, boolean stateful) {
        return new TimeGRU(randn(rng, D, 3 * H), randn(rng, H, 3 * H), randn(rng, 3 * H), stateful);
    }

    /** Σ_k a[n, k] · W[k, block·H + j]: one element of a product with a column block, written out. */
    private static double blockProduct(Tensor a, int n, Tensor W, int block, int j) {
        double s = 0;
        for (int k = 0; k < a.dim(1); k++) {
            s += a.get(n, k) * W.get(k, block * H + j);
        }
        return s;
    }

    /** The step against DESIGN.md's formula with the z, r, h̃ blocks sliced out by hand. */
    @Test
    void forwardIsTheFormulaWithBlocksZRH() {
        Rng rng = new Rng(1);
        GRU gru = gru(rng);
        Tensor Wx = gru.params().get(0), Wh = gru.params().get(1), b = gru.params().get(2);
        Tensor x = randn(rng, 3, D);
        Tensor h = randn(rng, 3, H);
        Tensor out = gru.forward(x, h);
        for (int n = 0; n < 3; n++) {
            Tensor rh = Tensor.zeros(1, H);
            double[] z = new double[H];
            for (int j = 0; j < H; j++) {
                z[j] = Kernels.sigmoid(blockProduct(x, n, Wx, 0, j) + blockProduct(h, n, Wh, 0, j) + b.data[j]);
                double r = Kernels.sigmoid(blockProduct(x, n, Wx, 1, j) + blockProduct(h, n, Wh, 1, j) + b.data[H + j]);
                rh.data[j] = r * h.get(n, j);
            }
            for (int j = 0; j < H; j++) {
                double hh = Math.tanh(blockProduct(x, n, Wx, 2, j) + blockProduct(rh, 0, Wh, 2, j) + b.data[2 * H + j]);
                assertEquals((1 - z[j]) * h.get(n, j) + z[j] * hh, out.get(n, j), 1e-12);
            }
        }
    }

    @Test
    void stepGradients() {
        Rng rng = new Rng(2);
        GRU gru = gru(rng);
        Tensor x = randn(rng, 3, D);
        Tensor h = randn(rng, 3, H);
        Tensor r = randn(rng, 3, H);
        gru.forward(x, h);
        GRU.Gradients g = gru.backward(r);
        List<Entry> e = entries("x", x, g.dx(), gru);
        e.add(new Entry("hPrev", h, g.dhPrev().copy()));
        CHECKER.check(() -> dot(gru.forward(x, h), r), e).assertPassed();
    }

    @Test
    void timeGruGradients() {
        Rng rng = new Rng(3);
        CHECKER.checkLayer(timeGru(rng, false), randn(rng, 2, 5, D), 31).assertPassed();
    }

    @Test
    void timeGruOneStepAndOneRow() {
        Rng rng = new Rng(4);
        CHECKER.checkLayer(timeGru(rng, false), randn(rng, 3, 1, D), 32).assertPassed();
        CHECKER.checkLayer(timeGru(rng, false), randn(rng, 1, 3, D), 33).assertPassed();
    }

    @Test
    void statefulSecondCallGradientsAndDh() {
        Rng rng = new Rng(5);
        TimeGRU layer = timeGru(rng, true);
        Tensor xs1 = randn(rng, 3, 2, D);
        Tensor xs2 = randn(rng, 3, 3, D);
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
    void statefulCallsInTwoBlocksEqualOneCall() {
        Rng rng = new Rng(6);
        Tensor Wx = randn(rng, D, 3 * H), Wh = randn(rng, H, 3 * H), b = randn(rng, 3 * H);
        Tensor xs = randn(rng, 2, 4, D);
        Tensor whole = new TimeGRU(Wx, Wh, b).forward(xs);
        TimeGRU split = new TimeGRU(Wx, Wh, b, true);
        split.forward(timeSlice(xs, 0, 1));
        assertClose(timeSlice(whole, 1, 4), split.forward(timeSlice(xs, 1, 4)), 1e-12);
    }
}
