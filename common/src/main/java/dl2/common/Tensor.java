package dl2.common;

import java.util.Arrays;

/**
 * A plain {@code double[]} with its shape, row-major: the Java stand-in for a NumPy array.
 *
 * <p>Nothing clever lives here: layers index {@code data} directly, so every loop stays visible.
 * Element {@code (i, j, k)} of a {@code (I, J, K)} tensor is {@code data[(i * J + j) * K + k]}.
 */
public final class Tensor {
    public final double[] data;
    public final int[] shape;

    public Tensor(double[] data, int... shape) {
        if (data.length != sizeOf(shape)) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** A tensor of zeros, like {@code np.zeros(shape)}. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new double[sizeOf(shape)], shape);
    }

    /** Standard normal entries times {@code std}, like {@code std * np.random.randn(*shape)}. */
    public static Tensor randn(Rng rng, double std, int... shape) {
        return new Tensor(rng.randn(sizeOf(shape), std), shape);
    }

    /**
     * {@code buf} when it already has exactly {@code shape}, otherwise a new zero tensor of that shape: how a layer
     * keeps its outputs and work arrays from one call to the next instead of allocating them every time (the
     * contents of a reused {@code buf} are whatever was left in it).
     */
    public static Tensor reuse(Tensor buf, int... shape) {
        if (buf != null && Arrays.equals(buf.shape, shape)) {
            return buf;
        }
        return zeros(shape);
    }

    /** A zero tensor of the same shape, like {@code np.zeros_like(x)}. */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    public static int sizeOf(int... shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Length of axis {@code axis}; negative counts from the end like NumPy. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** The same data seen with another shape of the same size (no copy), like {@code x.reshape(...)}. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** Copies {@code src}'s values into this tensor (shapes must have the same size), like {@code a[...] = b}. */
    public void set(Tensor src) {
        if (src.data.length != data.length) {
            throw new IllegalArgumentException("cannot copy " + Arrays.toString(src.shape) + " into " + Arrays.toString(shape));
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
    }

    /** Sets every element to {@code v}. */
    public void fill(double v) {
        Arrays.fill(data, v);
    }

    /** Element of a 2-D tensor. */
    public double get(int i, int j) {
        return data[i * shape[1] + j];
    }

    /** Element of a 3-D tensor. */
    public double get(int i, int j, int k) {
        return data[(i * shape[1] + j) * shape[2] + k];
    }

    /** Rows {@code idx} along axis 0, like {@code x[idx]}: a new tensor. */
    public Tensor rows(int[] idx) {
        int row = data.length / shape[0];
        double[] out = new double[idx.length * row];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(data, idx[i] * row, out, i * row, row);
        }
        int[] s = shape.clone();
        s[0] = idx.length;
        return new Tensor(out, s);
    }

    /** True when the shapes are equal. */
    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    public String shapeString() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public String toString() {
        int n = Math.min(data.length, 8);
        StringBuilder sb = new StringBuilder("Tensor").append(shapeString()).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
