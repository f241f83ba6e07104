package dl2.common.optimizer;

import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two updates of every optimizer against numbers worked out from the book's formulas (computed separately,
 * element by element, in double precision). Parameters p = ([1, −2], [0.5]); first gradients
 * ([0.5, −1], [2]), second gradients ([−1, 0.25], [2]). Element 0 is worked out in each comment.
 */
class OptimizerTest {
    private static final double TOL = 1e-14;

    private static List<Tensor> params() {
        return List.of(new Tensor(new double[] {1.0, -2.0}, 2), new Tensor(new double[] {0.5}, 1, 1));
    }

    private static List<Tensor> grads1() {
        return List.of(new Tensor(new double[] {0.5, -1.0}, 2), new Tensor(new double[] {2.0}, 1, 1));
    }

    private static List<Tensor> grads2() {
        return List.of(new Tensor(new double[] {-1.0, 0.25}, 2), new Tensor(new double[] {2.0}, 1, 1));
    }

    /** Runs two updates and returns the parameters' values, flattened. */
    private static double[] twoSteps(Optimizer opt) {
        List<Tensor> p = params();
        opt.update(p, grads1());
        opt.update(p, grads2());
        return new double[] {p.get(0).data[0], p.get(0).data[1], p.get(1).data[0]};
    }

    @Test
    void sgd() {
        // 1 − 0.1·0.5 − 0.1·(−1) = 1.05
        assertArrayEquals(new double[] {1.05, -1.925, 0.1}, twoSteps(new SGD(0.1)), TOL);
    }

    @Test
    void momentum() {
        // v1 = −0.1·0.5 = −0.05, p1 = 0.95; v2 = 0.9·(−0.05) − 0.1·(−1) = 0.055, p2 = 1.005
        Momentum opt = new Momentum(0.1, 0.9);
        assertArrayEquals(new double[] {1.005, -1.835, -0.08}, twoSteps(opt), TOL);
        assertArrayEquals(new double[] {0.055, 0.065}, opt.state().get("v.0").data, TOL);
        assertArrayEquals(new double[] {-0.38}, opt.state().get("v.1").data, TOL);
    }

    @Test
    void nesterov() {
        // v1 = −0.05, p1 = 1 + 0.81·(−0.05) − 1.9·0.1·0.5 = 0.8645;
        // v2 = 0.055, p2 = 0.8645 + 0.81·0.055 − 1.9·0.1·(−1) = 1.09905
        assertArrayEquals(new double[] {1.09905, -1.72385, -0.7298}, twoSteps(new Nesterov(0.1, 0.9)), TOL);
    }

    @Test
    void adaGrad() {
        // h1 = 0.25, p1 = 1 − 0.1·0.5/(0.5 + 1e-7); h2 = 1.25, p2 = p1 − 0.1·(−1)/(√1.25 + 1e-7)
        AdaGrad opt = new AdaGrad(0.1);
        assertArrayEquals(new double[] {0.9894427310999883, -1.9242535701506913, 0.3292893293813449}, twoSteps(opt), TOL);
        assertArrayEquals(new double[] {1.25, 1.0625}, opt.state().get("h.0").data, TOL);
    }

    @Test
    void rmsprop() {
        // decay 0.9: h1 = 0.1·0.25 = 0.025, p1 = 1 − 0.1·0.5/(√0.025 + 1e-7);
        // h2 = 0.9·0.025 + 0.1·1 = 0.1225, p2 = p1 − 0.1·(−1)/(√0.1225 + 1e-7)
        RMSprop opt = new RMSprop(0.1, 0.9);
        assertArrayEquals(new double[] {0.9694866380646916, -1.7643546044116507, -0.045643423571621294}, twoSteps(opt), TOL);
        assertArrayEquals(new double[] {0.1225, 0.09625}, opt.state().get("h.0").data, TOL);
    }

    @Test
    void adam() {
        // lr 0.01: step 1, lr_t = 0.01·√0.001/0.1, m = 0.05, v = 0.00025: p1 = 1 − 0.01·0.05/0.0158…/(…) ≈ 0.99;
        // step 2, lr_t = 0.01·√(1 − 0.999²)/(1 − 0.9²), m = 0.05 + 0.1·(−1 − 0.05) = −0.055,
        // v = 0.00025 + 0.001·(1 − 0.00025) = 0.00124975, p2 = p1 − lr_t·m/(√v + 1e-7)
        Adam opt = new Adam(0.01, 0.9, 0.999);
        List<Tensor> p = params();
        opt.update(p, grads1());
        assertArrayEquals(new double[] {0.9900000632451532, -1.9900000316226767}, p.get(0).data, TOL);
        assertArrayEquals(new double[] {0.4900000158113633}, p.get(1).data, TOL);
        opt.update(p, grads2());
        assertArrayEquals(new double[] {0.9936610881595338, -1.985305364319962}, p.get(0).data, TOL);
        assertArrayEquals(new double[] {0.4800000269944869}, p.get(1).data, TOL);
        Map<String, Tensor> s = opt.state();
        assertEquals(Set.of("m.0", "m.1", "v.0", "v.1", "iter"), s.keySet());
        assertArrayEquals(new double[] {-0.055, -0.065}, s.get("m.0").data, TOL);
        assertArrayEquals(new double[] {0.00124975, 0.0010615}, s.get("v.0").data, TOL);
        assertArrayEquals(new double[] {2}, s.get("iter").data);
        assertArrayEquals(new int[] {1, 1}, s.get("m.1").shape);
    }

    @Test
    void defaultsAreTheBooks() {
        assertEquals(0.01, new SGD().learningRate());
        assertEquals(0.01, new Momentum().learningRate());
        assertEquals(0.01, new Nesterov().learningRate());
        assertEquals(0.01, new AdaGrad().learningRate());
        assertEquals(0.01, new RMSprop().learningRate());
        assertEquals(0.001, new Adam().learningRate());
        // momentum 0.9: v = −0.01·0.5, p = 1 − 0.005
        List<Tensor> p = params();
        new Momentum().update(p, grads1());
        assertEquals(0.995, p.get(0).data[0], TOL);
        // RMSprop decay 0.99: h = 0.01·0.25, p = 1 − 0.01·0.5/(0.05 + 1e-7)
        p = params();
        new RMSprop().update(p, grads1());
        assertEquals(1 - 0.01 * 0.5 / (0.05 + 1e-7), p.get(0).data[0], TOL);
        // Adam's first step moves every element by lr·sign(g), up to the 1e-7 guard
        p = params();
        new Adam().update(p, grads1());
        assertEquals(0.999, p.get(0).data[0], 1e-8);
        assertEquals(-1.999, p.get(0).data[1], 1e-8);
    }

    @Test
    void stateIsEmptyBeforeTheFirstUpdate() {
        for (Optimizer opt : List.of(new SGD(), new Momentum(), new Nesterov(), new AdaGrad(), new RMSprop(), new Adam())) {
            assertTrue(opt.state().isEmpty(), opt.getClass().getSimpleName());
        }
    }

    @Test
    void loadedStateContinuesExactlyLikeTheOriginal() {
        for (Optimizer[] pair : new Optimizer[][] {
                {new Momentum(0.1), new Momentum(0.1)}, {new Nesterov(0.1), new Nesterov(0.1)},
                {new AdaGrad(0.1), new AdaGrad(0.1)}, {new RMSprop(0.1), new RMSprop(0.1)},
                {new Adam(0.01), new Adam(0.01)}}) {
            Optimizer original = pair[0], restored = pair[1];
            List<Tensor> a = params();
            original.update(a, grads1());
            List<Tensor> b = List.of(a.get(0).copy(), a.get(1).copy());
            restored.loadState(original.state());
            original.update(a, grads2());
            restored.update(b, grads2());
            String name = original.getClass().getSimpleName();
            assertArrayEquals(a.get(0).data, b.get(0).data, name);
            assertArrayEquals(a.get(1).data, b.get(1).data, name);
        }
    }

    @Test
    void loadStateCopiesTheBuffers() {
        Momentum original = new Momentum(0.1);
        original.update(params(), grads1());
        Momentum restored = new Momentum(0.1);
        restored.loadState(original.state());
        original.update(params(), grads2());
        assertArrayEquals(new double[] {-0.05, 0.1}, restored.state().get("v.0").data, TOL);
    }

    @Test
    void learningRateCanChange() {
        SGD opt = new SGD(20);
        opt.setLearningRate(opt.learningRate() / 4);
        List<Tensor> p = params();
        opt.update(p, grads1());
        assertEquals(1 - 5 * 0.5, p.get(0).data[0], TOL);
    }

    @Test
    void rejectsAnotherParameterListAfterTheFirstUpdate() {
        Adam opt = new Adam();
        opt.update(params(), grads1());
        List<Tensor> other = List.of(Tensor.zeros(3));
        assertThrows(IllegalArgumentException.class, () -> opt.update(other, List.of(Tensor.zeros(3))));
    }

    @Test
    void rejectsForeignStateEntries() {
        assertThrows(IllegalArgumentException.class, () -> new Momentum().loadState(Map.of("m.0", Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> new Adam().loadState(Map.of("m.0", Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> new SGD().loadState(Map.of("v.0", Tensor.zeros(1))));
    }
}
