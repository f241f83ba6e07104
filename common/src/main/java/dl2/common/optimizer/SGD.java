package dl2.common.optimizer;

import dl2.common.Kernels;
import dl2.common.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stochastic gradient descent {@code W ← W − lr·∂L/∂W} (book 1.4.1). */
public final class SGD implements Optimizer {
    private double lr;

    public SGD() {
        this(0.01);
    }

    public SGD(double lr) {
        this.lr = lr;
    }

    @Override
    public void update(List<Tensor> params, List<Tensor> grads) {
        Buffers.check(params, grads, null);
        for (int i = 0; i < params.size(); i++) {
            Kernels.axpy(-lr, grads.get(i).data, params.get(i).data);
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

    /** SGD keeps no state: always empty. */
    @Override
    public Map<String, Tensor> state() {
        return new LinkedHashMap<>();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Buffers.checkKeys(state, List.of(), List.of());
    }
}
