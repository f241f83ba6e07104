package dl2.common.timelayers;

import dl2.common.Layer;
import dl2.common.Rng;
import dl2.common.Tensor;

import java.util.List;

/**
 * Dropout for sequences (book 6.5.2): while training, each element is kept with probability
 * {@code 1 − ratio} and scaled by {@code 1 / (1 − ratio)} ("inverted dropout", so that nothing changes at
 * test time); outside training it is the identity. The book draws a fresh mask for every element of
 * {@code (N, T, D)} at every forward call, and so does this layer unless the mask is frozen
 * ({@link #freezeMask}), which gradient checks need. Its output and input gradient are arrays it owns,
 * overwritten by the next call (see {@link Layer}).
 */
public final class TimeDropout implements Layer {
    private final double ratio;
    private final Rng rng;
    private boolean training = true;
    private boolean frozen;
    private Tensor mask;               // 0 or 1 / (1 − ratio), the shape of the last training input
    private boolean lastWasTraining;   // whether the last forward applied the mask
    private Tensor out;                // the output of the last training forward, overwritten by the next one
    private Tensor dx;                 // the input gradient of the last backward

    /** Drops each element with probability {@code ratio} (0 ≤ ratio < 1), drawing masks from {@code rng}. */
    public TimeDropout(double ratio, Rng rng) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("dropout ratio must be in [0, 1), got " + ratio);
        }
        this.ratio = ratio;
        this.rng = rng;
    }

    /** The book's default ratio 0.5. */
    public TimeDropout(Rng rng) {
        this(0.5, rng);
    }

    @Override
    public List<Tensor> params() {
        return List.of();
    }

    @Override
    public List<Tensor> grads() {
        return List.of();
    }

    /** Training mode applies dropout; otherwise forward and backward pass their input through unchanged. */
    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean training() {
        return training;
    }

    /** While frozen, forward reuses the last mask (drawing one only if there is none yet), so the layer is a fixed function. */
    public void freezeMask(boolean frozen) {
        this.frozen = frozen;
    }

    public double ratio() {
        return ratio;
    }

    @Override
    public Tensor forward(Tensor xs) {
        lastWasTraining = training;
        if (!training) {
            return xs;
        }
        if (!frozen || mask == null) {
            mask = Tensor.reuse(mask, xs.shape);
            double scale = 1.0 / (1.0 - ratio);
            for (int i = 0; i < mask.data.length; i++) {
                mask.data[i] = rng.uniform() > ratio ? scale : 0.0;
            }
        } else if (!mask.sameShape(xs)) {
            throw new IllegalStateException("the frozen dropout mask has shape " + mask.shapeString()
                    + " but the input has shape " + xs.shapeString());
        }
        out = Tensor.reuse(out, xs.shape);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = xs.data[i] * mask.data[i];
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (!lastWasTraining) {
            return dout;
        }
        dx = Tensor.reuse(dx, dout.shape);
        for (int i = 0; i < dx.data.length; i++) {
            dx.data[i] = dout.data[i] * mask.data[i];
        }
        return dx;
    }
}
