package dl2.common.optimizer;

import dl2.common.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AdaGrad: {@code h ← h + g²}, {@code W ← W − lr·g / (√h + 1e-7)} (book {@code common/optimizer.py}). */
public final class AdaGrad implements Optimizer {
    private double lr;
    private List<Tensor> h;

    public AdaGrad() {
        this(0.01);
    }

    public AdaGrad(double lr) {
        this.lr = lr;
    }

    @Override
    public void update(List<Tensor> params, List<Tensor> grads) {
        Buffers.check(params, grads, h);
        if (h == null) {
            h = Buffers.zerosLike(params);
        }
        for (int i = 0; i < params.size(); i++) {
            double[] p = params.get(i).data, g = grads.get(i).data, hi = h.get(i).data;
            for (int j = 0; j < p.length; j++) {
                hi[j] += g[j] * g[j];
                p[j] -= lr * g[j] / (Math.sqrt(hi[j]) + 1e-7);
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

    /** {@code h.i}: the sum of squared gradients of parameter i. */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        Buffers.put(state, "h", h);
        return state;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Buffers.checkKeys(state, List.of("h"), List.of());
        h = Buffers.take(state, "h");
    }
}
