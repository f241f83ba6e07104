package dl2.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Numerical gradient check (book 1, "gradient check"; used for every layer in this project).
 *
 * <p>Every element of every checked tensor is nudged by ±ε and the change of a scalar loss gives the
 * central difference {@code (L(x+ε) − L(x−ε)) / 2ε}, which must match the gradient that {@code backward}
 * computed: {@code |analytic − numeric| ≤ atol + rtol·|numeric|} (double precision throughout).
 * The report names the worst element: which tensor, which index, both values.
 *
 * <p>For a layer with one input and one output, one line does it all (the loss is {@code Σ out·r} with a
 * fixed random {@code r}, so every output element matters):
 * <pre>{@code
 * GradientChecker.withDefaults().checkLayer(new MyGRU(Wx, Wh, b), x, 42).assertPassed();
 * }</pre>
 * For anything else, give the loss as a function of the current tensor values and the analytic
 * gradients beside the tensors they belong to ({@link #check}). A stateful layer must reset its state
 * inside the loss function, and dropout must use a fixed mask, so that the loss is a plain function.
 */
public final class GradientChecker {
    private final double eps;
    private final double atol;
    private final double rtol;

    private GradientChecker(double eps, double atol, double rtol) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /** ε = 1e-5, atol = 1e-6, rtol = 1e-4: strict, and safe in double precision. */
    public static GradientChecker withDefaults() {
        return new GradientChecker(1e-5, 1e-6, 1e-4);
    }

    public GradientChecker epsilon(double newEps) {
        return new GradientChecker(newEps, atol, rtol);
    }

    public GradientChecker tolerances(double newAtol, double newRtol) {
        return new GradientChecker(eps, newAtol, newRtol);
    }

    /** One tensor to check: its current value (perturbed in place, then restored) and the gradient backward gave for it. */
    public record Entry(String name, Tensor value, Tensor analytic) {
        public Entry {
            if (!value.sameShape(analytic)) {
                throw new IllegalArgumentException("gradient of " + name + " has shape " + analytic.shapeString()
                        + " but the tensor has shape " + value.shapeString());
            }
        }
    }

    /** The worst element found, and whether every element was within tolerance. */
    public record Report(boolean passed, String tensor, int[] index, double analytic, double numeric,
                         double error, int checked) {
        /** Throws an {@link AssertionError} naming the worst element when the check failed. */
        public void assertPassed() {
            if (!passed) {
                throw new AssertionError("gradient check failed: " + this);
            }
        }

        @Override
        public String toString() {
            return String.format("%d elements checked, worst %s%s: analytic %.10g, numeric %.10g, |difference| %.3g (%s)",
                    checked, tensor, Arrays.toString(index), analytic, numeric, error, passed ? "pass" : "FAIL");
        }
    }

    /**
     * Checks the given analytic gradients against central differences of {@code loss}.
     * {@code loss} must recompute the forward pass from the current tensor values each time.
     */
    public Report check(DoubleSupplier loss, List<Entry> entries) {
        Report worst = null;
        double worstRatio = -1;
        int checked = 0;
        for (Entry e : entries) {
            double[] v = e.value().data;
            for (int i = 0; i < v.length; i++) {
                double saved = v[i];
                v[i] = saved + eps;
                double plus = loss.getAsDouble();
                v[i] = saved - eps;
                double minus = loss.getAsDouble();
                v[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double analytic = e.analytic().data[i];
                double error = Math.abs(analytic - numeric);
                double ratio = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / (atol + rtol * Math.abs(numeric));
                checked++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = new Report(false, e.name(), unravel(i, e.value().shape), analytic, numeric, error, 0);
                }
            }
        }
        if (worst == null) {
            throw new IllegalArgumentException("nothing to check: no tensor elements were given");
        }
        return new Report(worstRatio <= 1.0, worst.tensor(), worst.index(), worst.analytic(), worst.numeric(),
                worst.error(), checked);
    }

    /**
     * Checks a {@link Layer}: the input {@code x} and every parameter, with loss {@code Σ forward(x)·r}
     * for a random {@code r} drawn from {@code seed}.
     */
    public Report checkLayer(Layer layer, Tensor x, long seed) {
        Tensor out = layer.forward(x);
        Tensor r = Tensor.randn(new Rng(seed), 1.0, out.shape);
        Tensor dx = layer.backward(r);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("x", x, dx.copy()));
        entries.addAll(paramEntries(layer));
        return check(() -> Kernels.dot(layer.forward(x).data, r.data), entries);
    }

    /** Entries for every parameter of {@code p}, named {@code param0, param1, …}, with copies of the current gradients. */
    public static List<Entry> paramEntries(Parameterized p) {
        List<Entry> entries = new ArrayList<>();
        List<Tensor> params = p.params();
        List<Tensor> grads = p.grads();
        for (int i = 0; i < params.size(); i++) {
            entries.add(new Entry(p.getClass().getSimpleName() + ".param" + i, params.get(i), grads.get(i).copy()));
        }
        return entries;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }
}
