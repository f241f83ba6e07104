package dl2.common.optimizer;

import dl2.common.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nesterov's accelerated gradient in the book's form (arXiv:1212.0901): {@code v ← momentum·v − lr·g},
 * {@code W ← W + momentum²·v − (1 + momentum)·lr·g}.
 */
public final class Nesterov implements Optimizer {
    private double lr;
    private final double momentum;
    private List<Tensor> v;

    public Nesterov() {
        this(0.01, 0.9);
    }

    public Nesterov(double lr) {
        this(lr, 0.9);
    }

    public Nesterov(double lr, double momentum) {
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
                vi[j] *= momentum;
                vi[j] -= lr * g[j];
                p[j] += momentum * momentum * vi[j];
                p[j] -= (1 + momentum) * lr * g[j];
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
