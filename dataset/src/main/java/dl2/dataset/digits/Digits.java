package dl2.dataset.digits;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.cli.Words;
import java.util.Arrays;

/**
 * 8×8 grey digit images with values 0-16 and their labels 0-9, the data of the digits LSTM classifier
 * (DESIGN.md, "Digits LSTM classifier"): each image row is one time step, T = 8, D = 8.
 * Made by {@link DigitsGenerator} or read by {@link OptDigits}. The arrays are shared, not copied.
 */
public final class Digits {
    /** Image side in pixels. */
    public static final int SIDE = 8;
    /** Largest pixel value (a count of 16 ink pixels in a 4×4 block of the 32×32 original). */
    public static final int MAX_VALUE = 16;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private final String source;
    private final Tensor images;
    private final int[] labels;

    /** A train/validation pair made by {@link #split}. */
    public record Split(Digits train, Digits validation) {
    }

    /**
     * @param images shape (N, 8, 8), values 0..16
     * @param labels N labels 0..9
     */
    public Digits(String source, Tensor images, int[] labels) {
        if (images.ndim() != 3 || images.dim(1) != SIDE || images.dim(2) != SIDE || images.dim(0) != labels.length) {
            throw new IllegalArgumentException("images " + images.shapeString() + " do not match " + labels.length + " labels of 8x8 images");
        }
        this.source = source;
        this.images = images;
        this.labels = labels;
    }

    /** Where the images came from, e.g. "generated digits (seed 1, 180 per class)" or a CSV path. */
    public String source() {
        return source;
    }

    /** The images, (N, 8, 8), values 0..16. */
    public Tensor images() {
        return images;
    }

    /** The labels 0..9. */
    public int[] labels() {
        return labels;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Images {@code idx}, in that order. */
    public Digits subset(int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = labels[idx[i]];
        }
        return new Digits(source, images.rows(idx), l);
    }

    /**
     * A random split with a fixed seed: {@code round(trainFraction * N)} images for training, the rest for
     * validation (DESIGN.md: 80/20 with a fixed seed).
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be between 0 and 1: " + trainFraction);
        }
        int[] order = new Rng(seed).permutation(size());
        int nTrain = (int) Math.round(trainFraction * size());
        return new Split(subset(Arrays.copyOfRange(order, 0, nTrain)), subset(Arrays.copyOfRange(order, nTrain, size())));
    }

    @Override
    public String toString() {
        return source + ": " + Words.count(size(), "image") + " 8x8";
    }
}
