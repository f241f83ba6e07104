package dl2.common.demo;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;

/**
 * The spiral data set of the book's {@code dataset/spiral.py} (1.4.2): three arms of 100 points each in the
 * plane, class {@code j} along the arm {@code θ = 4j + 4r + noise}, radius {@code r} from 0 to 0.99.
 */
public final class Spiral {
    /** Points per class. */
    public static final int N = 100;
    /** Number of classes (arms). */
    public static final int CLASSES = 3;

    private Spiral() {
    }

    /** The points {@code x (300, 2)} and their classes {@code t (300)}, class by class; the noise is drawn from {@code rng}. */
    public static Data load(Rng rng) {
        Tensor x = Tensor.zeros(N * CLASSES, 2);
        IntTensor t = IntTensor.zeros(N * CLASSES);
        for (int j = 0; j < CLASSES; j++) {
            for (int i = 0; i < N; i++) {
                double rate = (double) i / N;
                double radius = 1.0 * rate;
                double theta = j * 4.0 + 4.0 * rate + rng.randn() * 0.2;
                int ix = N * j + i;
                x.data[ix * 2] = radius * Math.sin(theta);
                x.data[ix * 2 + 1] = radius * Math.cos(theta);
                t.data[ix] = j;
            }
        }
        return new Data(x, t);
    }

    /** Points and labels. */
    public record Data(Tensor x, IntTensor t) {
    }
}
