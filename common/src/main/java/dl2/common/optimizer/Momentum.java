package dl2.common.optimizer;

import dl2.common.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Momentum SGD: {@code v ← momentum·v − lr·g}, {@code W ← W + v} (book {@code common/optimizer.py}). */
public final class Momentum implements Optimizer {
    private double lr;
    private final double momentum;
    private List<Tensor> v;

    public Momentum() {
        this(0.01, 0.9);
    }

    public Momentum(double lr) {
        this(lr, 0.9);
    }

    public Momentum(double lr, double momentum) {
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void update(List<Tensor> params, List<Tensor> grads) {
        Buffers.check(params, grads, v);
        if (v == null) {
            v = Buffers.zerosLike(params);
        }
        for (int i = 0; i < params.size(); i++) {
            double[] p = params.get(i).data, g = grads.get(i).data, vi = v.get(i).data;
            for (int j = 0; j < p.length; j++) {
                vi[j] = momentum * vi[j] - lr * g[j];
                p[j] += vi[j];
            }
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

    /** {@code v.i}: the velocity of parameter i. */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        Buffers.put(state, "v", v);
        return state;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Buffers.checkKeys(state, List.of("v"), List.of());
        v = Buffers.take(state, "v");
    }
}
