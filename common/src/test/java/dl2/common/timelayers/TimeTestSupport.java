package dl2.common.timelayers;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small helpers shared by the time-layer tests. */
final class TimeTestSupport {
    static final GradientChecker CHECKER = GradientChecker.withDefaults();

    private TimeTestSupport() {
    }

    static Tensor randn(Rng rng, int... shape) {
        return Tensor.randn(rng, 0.5, shape);
    }

    static double dot(Tensor a, Tensor b) {
        return Kernels.dot(a.data, b.data);
    }

    /** Entries for one input and every parameter of a layer, after its backward. */
    static List<Entry> entries(String inputName, Tensor input, Tensor dInput, Parameterized layer) {
        List<Entry> e = new ArrayList<>();
        e.add(new Entry(inputName, input, dInput.copy()));
        e.addAll(GradientChecker.paramEntries(layer));
        return e;
    }

    static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shapeString(), actual.shapeString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.data[i], actual.data[i], tol, "element " + i);
        }
    }

    /** {@code xs[:, from:to, :]} as a new tensor. */
    static Tensor timeSlice(Tensor xs, int from, int to) {
        int N = xs.dim(0), T = xs.dim(1), D = xs.dim(2), w = to - from;
        Tensor out = Tensor.zeros(N, w, D);
        for (int n = 0; n < N; n++) {
            System.arraycopy(xs.data, (n * T + from) * D, out.data, n * w * D, w * D);
        }
        return out;
    }
}
