package dl2.common.optimizer;

import dl2.common.Kernels;
import dl2.common.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (arXiv:1412.6980v8) in the book's form: with {@code iter} counting updates from 1,
 * {@code lr_t = lr·√(1 − beta2^iter) / (1 − beta1^iter)}, {@code m ← m + (1 − beta1)·(g − m)},
 * {@code v ← v + (1 − beta2)·(g² − v)}, {@code W ← W − lr_t·m / (√v + 1e-7)}.
 */
public final class Adam implements Optimizer {
    private double lr;
    private final double beta1;
    private final double beta2;
    private int iter;
    private List<Tensor> m;
    private List<Tensor> v;

    public Adam() {
        this(0.001, 0.9, 0.999);
    }

    public Adam(double lr) {
        this(lr, 0.9, 0.999);
    }

    public Adam(double lr, double beta1, double beta2) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public void update(List<Tensor> params, List<Tensor> grads) {
        Buffers.check(params, grads, m);
        if (m == null) {
            m = Buffers.zerosLike(params);
            v = Buffers.zerosLike(params);
        }
        iter++;
        double lrT = lr * Math.sqrt(1.0 - Math.pow(beta2, iter)) / (1.0 - Math.pow(beta1, iter));
        for (int i = 0; i < params.size(); i++) {
            Kernels.adam(params.get(i).data, grads.get(i).data, m.get(i).data, v.get(i).data, lrT, beta1, beta2);
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    /** {@code m.i}, {@code v.i}: the running means of parameter i's gradient and squared gradient; {@code iter}: updates so far. */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        if (m != null) {
            Buffers.put(state, "m", m);
            Buffers.put(state, "v", v);
            state.put("iter", new Tensor(new double[] {iter}, 1));
        }
        return state;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Buffers.checkKeys(state, List.of("m", "v"), List.of("iter"));
        List<Tensor> newM = Buffers.take(state, "m");
        List<Tensor> newV = Buffers.take(state, "v");
        Tensor newIter = state.get("iter");
        if ((newM == null) != (newV == null) || (newM != null && (newV.size() != newM.size() || newIter == null))) {
            throw new IllegalArgumentException("an Adam state needs m.i and v.i for the same parameters and iter");
        }
        m = newM;
        v = newV;
        iter = newIter == null ? 0 : (int) newIter.data[0];
    }
}
