package dl2.common.layers;

import dl2.common.Layer;
import dl2.common.Rng;
import dl2.common.Tensor;

import java.util.List;

/**
 * Dropout (book 6.5.2), in the inverted form of the book's {@code TimeDropout}: while training each
 * element is kept when a uniform draw exceeds {@code ratio} and the kept ones are scaled by
 * {@code 1 / (1 − ratio)}, so that evaluation is the identity.
 *
 * <p>{@link #freezeMask(boolean)} keeps reusing the last mask (instead of drawing a new one each
 * forward), which makes the layer a plain function for a numerical gradient check.
 */
public final class Dropout implements Layer {
    private final double ratio;
    private final Rng rng;
    private boolean training = true;
    private boolean frozen;
    private Tensor mask;          // 0 or 1 / (1 − ratio), the shape of x
    private boolean maskApplied;  // whether the last forward used the mask

    /** Drops each element with probability {@code ratio} ({@code 0 ≤ ratio < 1}), drawing from {@code rng}. */
    public Dropout(double ratio, Rng rng) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("dropout ratio must be in [0, 1), got " + ratio);
        }
        this.ratio = ratio;
        this.rng = rng;
    }

    /** Training mode drops (the default); evaluation mode passes the input through unchanged (book {@code train_flg}). */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** While frozen, training-mode forward passes reuse the last mask instead of drawing a new one. */
    public void freezeMask(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor x) {
        maskApplied = training;
        if (!training) {
            return x.copy();
        }
        if (!frozen || mask == null) {
            drawMask(x.shape);
        } else if (mask.size() != x.size()) {
            throw new IllegalStateException("the frozen mask has shape " + mask.shapeString() + " but the input is " + x.shapeString());
        }
        Tensor out = Tensor.zerosLike(x);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = x.data[i] * mask.data[i];
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (!maskApplied) {
            return dout.copy();
        }
        Tensor dx = Tensor.zerosLike(dout);
        for (int i = 0; i < dx.data.length; i++) {
            dx.data[i] = dout.data[i] * mask.data[i];
        }
        return dx;
    }

    private void drawMask(int[] shape) {
        double scale = 1.0 / (1.0 - ratio);
        mask = Tensor.zeros(shape);
        for (int i = 0; i < mask.data.length; i++) {
            mask.data[i] = rng.uniform() > ratio ? scale : 0.0;
        }
    }
}
