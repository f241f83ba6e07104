package dl2.common;

import java.util.Arrays;

/**
 * A plain {@code int[]} with its shape, row-major: word ids, character ids and class labels
 * (the book's integer NumPy arrays). Element {@code (n, t)} of an {@code (N, T)} tensor is {@code data[n * T + t]}.
 */
public final class IntTensor {
    public final int[] data;
    public final int[] shape;

    public IntTensor(int[] data, int... shape) {
        if (data.length != Tensor.sizeOf(shape)) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.shape = shape.clone();
    }

    public static IntTensor zeros(int... shape) {
        return new IntTensor(new int[Tensor.sizeOf(shape)], shape);
    }

    public int size() {
        return data.length;
    }

    public int ndim() {
        return shape.length;
    }

    /** Length of axis {@code axis}; negative counts from the end like NumPy. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int get(int i, int j) {
        return data[i * shape[1] + j];
    }

    public IntTensor reshape(int... newShape) {
        return new IntTensor(data, newShape);
    }

    public IntTensor copy() {
        return new IntTensor(data.clone(), shape);
    }

    /** Rows {@code idx} along axis 0, like {@code x[idx]}: a new tensor. */
    public IntTensor rows(int[] idx) {
        int row = data.length / shape[0];
        int[] out = new int[idx.length * row];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(data, idx[i] * row, out, i * row, row);
        }
        int[] s = shape.clone();
        s[0] = idx.length;
        return new IntTensor(out, s);
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive) of a 2-D tensor, like {@code x[:, from:to]}: a new tensor. */
    public IntTensor columns(int from, int to) {
        int n = shape[0], t = shape[1], w = to - from;
        int[] out = new int[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * t + from, out, i * w, w);
        }
        return new IntTensor(out, n, w);
    }

    public String shapeString() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public String toString() {
        int n = Math.min(data.length, 12);
        return "IntTensor" + shapeString() + " " + Arrays.toString(Arrays.copyOf(data, n)).replace("]", data.length > n ? ", ...]" : "]");
    }
}
