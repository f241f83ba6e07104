package dl2.common.optimizer;

import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-parameter buffers of the stateful optimizers: creation, checks and their checkpoint form. */
final class Buffers {
    private Buffers() {
    }

    /** One zero tensor per parameter, like the book's {@code [np.zeros_like(p) for p in params]}. */
    static List<Tensor> zerosLike(List<Tensor> params) {
        List<Tensor> buffers = new ArrayList<>(params.size());
        for (Tensor p : params) {
            buffers.add(Tensor.zerosLike(p));
        }
        return buffers;
    }

    /** Checks that the lists pair up, and that existing buffers were made for parameters of these shapes. */
    static void check(List<Tensor> params, List<Tensor> grads, List<Tensor> buffers) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + grads.size() + " gradients");
        }
        if (buffers == null) {
            return;
        }
        if (buffers.size() != params.size()) {
            throw new IllegalArgumentException("the optimizer holds state for " + buffers.size()
                    + " parameters but " + params.size() + " were given");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!buffers.get(i).sameShape(params.get(i))) {
                throw new IllegalArgumentException("the optimizer state of parameter " + i + " has shape "
                        + buffers.get(i).shapeString() + " but the parameter is " + params.get(i).shapeString());
            }
        }
    }

    /** Adds {@code prefix.0, prefix.1, …} to {@code state} when the buffers exist. */
    static void put(Map<String, Tensor> state, String prefix, List<Tensor> buffers) {
        if (buffers == null) {
            return;
        }
        for (int i = 0; i < buffers.size(); i++) {
            state.put(prefix + "." + i, buffers.get(i));
        }
    }

    /** Copies of {@code prefix.0, prefix.1, …} from {@code state}, or null when there are none. */
    static List<Tensor> take(Map<String, Tensor> state, String prefix) {
        List<Tensor> buffers = new ArrayList<>();
        for (int i = 0; state.containsKey(prefix + "." + i); i++) {
            buffers.add(state.get(prefix + "." + i).copy());
        }
        return buffers.isEmpty() ? null : buffers;
    }

    /** Rejects a state whose keys are not {@code prefix.i} of the given prefixes or one of the given plain names. */
    static void checkKeys(Map<String, Tensor> state, List<String> prefixes, List<String> names) {
        for (String key : state.keySet()) {
            int dot = key.lastIndexOf('.');
            boolean indexed = dot > 0 && prefixes.contains(key.substring(0, dot)) && key.substring(dot + 1).matches("\\d+");
            if (!indexed && !names.contains(key)) {
                throw new IllegalArgumentException("unexpected optimizer state entry '" + key + "'");
            }
        }
    }
}
