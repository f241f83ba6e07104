package dl2.dataset.digits;

import dl2.common.Rng;
import dl2.common.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders handwriting-like digits into 8×8 images with values 0-16, the layout of the UCI "optdigits"
 * data, so the digits LSTM classifier needs no download (DESIGN.md, "Digits LSTM classifier").
 *
 * <p>Each digit is a few pen strokes (lines and elliptic arcs) in a unit box. For every image the strokes'
 * points and arcs are jittered, and the whole glyph gets a random size, slant, small rotation, shift and
 * stroke width; it is drawn as black-and-white ink on a 32×32 canvas with a few random specks of noise, and,
 * as for optdigits, each 8×8 pixel counts the ink pixels of its 4×4 block (0 to 16).
 */
public final class DigitsGenerator {
    /** Images per class when a program does not say: about the size of the classic 1 797-image set. */
    public static final int DEFAULT_PER_CLASS = 180;

    private static final int CANVAS = 32;
    private static final int BLOCK = CANVAS / Digits.SIDE;

    private DigitsGenerator() {
    }

    /**
     * {@code perClass} images of each digit, labels cycling 0, 1, ..., 9, 0, 1, ...; the same for the same seed.
     */
    public static Digits generate(long seed, int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be positive: " + perClass);
        }
        Rng rng = new Rng(seed);
        int n = perClass * Digits.CLASSES;
        Tensor images = Tensor.zeros(n, Digits.SIDE, Digits.SIDE);
        int[] labels = new int[n];
        int pixels = Digits.SIDE * Digits.SIDE;
        for (int i = 0; i < n; i++) {
            labels[i] = i % Digits.CLASSES;
            double[] image = blockCounts(draw(labels[i], rng));
            System.arraycopy(image, 0, images.data, i * pixels, pixels);
        }
        return new Digits("generated digits (seed " + seed + ", " + perClass + " per class)", images, labels);
    }

    /** One digit on the 32×32 canvas, true where there is ink. */
    private static boolean[][] draw(int digit, Rng rng) {
        Pen pen = new Pen(rng);
        strokes(digit, pen, rng);

        double width = 20 * rng.uniform(0.75, 1.1);
        double height = 26 * rng.uniform(0.8, 1.05);
        double slant = rng.uniform(-0.3, 0.35);
        double angle = 0.08 * rng.randn();
        double centerX = CANVAS / 2.0 + rng.uniform(-2.5, 2.5);
        double centerY = CANVAS / 2.0 + rng.uniform(-2, 2);
        double radius = rng.uniform(1.2, 2.6);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);

        boolean[][] ink = new boolean[CANVAS][CANVAS];
        for (double[] unit : pen.strokes()) {
            double[] xy = new double[unit.length];
            for (int k = 0; k < unit.length; k += 2) {
                double x = (unit[k] - 0.5) * width;
                double y = (unit[k + 1] - 0.5) * height;
                x -= slant * y;
                xy[k] = centerX + cos * x - sin * y;
                xy[k + 1] = centerY + sin * x + cos * y;
            }
            for (int k = 0; k + 3 < xy.length; k += 2) {
                inkSegment(ink, xy[k], xy[k + 1], xy[k + 2], xy[k + 3], radius);
            }
        }
        double speckle = rng.uniform(0, 0.03);
        for (boolean[] row : ink) {
            for (int px = 0; px < CANVAS; px++) {
                row[px] |= rng.uniform() < speckle;
            }
        }
        return ink;
    }

    /**
     * The pen strokes of each digit in the unit box (x to the right, y downwards). Arcs take angles in
     * degrees counter-clockwise from the right, as on paper: 90 is the top of the ellipse.
     */
    private static void strokes(int digit, Pen pen, Rng rng) {
        switch (digit) {
            case 0 -> pen.arc(0.5, 0.5, 0.38, 0.48, 90, 450);
            case 1 -> {
                pen.move(0.3, 0.22).line(0.56, 0.02).line(0.56, 0.98);
                if (rng.uniform() < 0.35) {
                    pen.move(0.3, 0.98).line(0.82, 0.98);
                }
            }
            case 2 -> pen.arc(0.5, 0.3, 0.36, 0.28, 160, -35).line(0.1, 0.98).line(0.92, 0.98);
            case 3 -> pen.arc(0.48, 0.26, 0.33, 0.24, 150, -90).arc(0.48, 0.73, 0.38, 0.26, 90, -150);
            case 4 -> {
                pen.move(0.62, 0.02).line(0.08, 0.68).line(0.92, 0.68);
                pen.move(0.68, 0.3).line(0.68, 0.98);
            }
            case 5 -> pen.move(0.85, 0.02).line(0.28, 0.02).line(0.22, 0.45).arc(0.48, 0.7, 0.38, 0.28, 130, -160);
            case 6 -> pen.arc(0.8, 0.65, 0.6, 0.6, 105, 180).arc(0.5, 0.68, 0.3, 0.28, 180, 540);
            case 7 -> {
                pen.move(0.08, 0.02).line(0.92, 0.02).line(0.4, 0.98);
                if (rng.uniform() < 0.2) {
                    pen.move(0.35, 0.5).line(0.75, 0.5);
                }
            }
            case 8 -> {
                pen.arc(0.5, 0.26, 0.28, 0.24, -90, 270);
                pen.move().arc(0.5, 0.73, 0.34, 0.26, 90, 450);
            }
            case 9 -> pen.arc(0.5, 0.3, 0.34, 0.28, 0, 360).line(0.74, 0.98);
            default -> throw new IllegalArgumentException("digit must be 0-9: " + digit);
        }
    }

    /** Draws polylines in the unit box, jittering every point and arc so that no two images are alike. */
    private static final class Pen {
        private static final double POINT_JITTER = 0.05;
        private static final double CENTER_JITTER = 0.04;
        private static final double RADIUS_JITTER = 0.1;
        private static final double ANGLE_JITTER = 10;
        private static final int ARC_STEPS_PER_TURN = 48;

        private final Rng rng;
        private final List<List<Double>> strokes = new ArrayList<>();
        private List<Double> current;

        Pen(Rng rng) {
            this.rng = rng;
        }

        /** Lifts the pen: the next point or arc starts a new stroke. */
        Pen move() {
            current = null;
            return this;
        }

        /** Starts a new stroke at (x, y). */
        Pen move(double x, double y) {
            return move().line(x, y);
        }

        /** A straight line from the last point to (x, y), or the first point of a stroke. */
        Pen line(double x, double y) {
            point(x + POINT_JITTER * rng.randn(), y + POINT_JITTER * rng.randn());
            return this;
        }

        /** An elliptic arc from angle {@code from} to {@code to} (degrees), joined to the last point. */
        Pen arc(double cx, double cy, double rx, double ry, double from, double to) {
            cx += CENTER_JITTER * rng.randn();
            cy += CENTER_JITTER * rng.randn();
            rx *= 1 + RADIUS_JITTER * rng.randn();
            ry *= 1 + RADIUS_JITTER * rng.randn();
            from += ANGLE_JITTER * rng.randn();
            to += ANGLE_JITTER * rng.randn();
            int steps = Math.max(2, (int) Math.ceil(Math.abs(to - from) / 360 * ARC_STEPS_PER_TURN));
            for (int s = 0; s <= steps; s++) {
                double a = Math.toRadians(from + (to - from) * s / steps);
                point(cx + rx * Math.cos(a), cy - ry * Math.sin(a));
            }
            return this;
        }

        private void point(double x, double y) {
            if (current == null) {
                current = new ArrayList<>();
                strokes.add(current);
            }
            current.add(x);
            current.add(y);
        }

        /** The strokes drawn so far, each as x0, y0, x1, y1, ... */
        List<double[]> strokes() {
            return strokes.stream().map(s -> s.stream().mapToDouble(Double::doubleValue).toArray()).toList();
        }
    }

    /** Sets the canvas pixels whose centre lies within {@code radius} of the segment (x1, y1)-(x2, y2). */
    private static void inkSegment(boolean[][] ink, double x1, double y1, double x2, double y2, double radius) {
        int xFrom = Math.max(0, (int) Math.floor(Math.min(x1, x2) - radius));
        int xTo = Math.min(CANVAS - 1, (int) Math.ceil(Math.max(x1, x2) + radius));
        int yFrom = Math.max(0, (int) Math.floor(Math.min(y1, y2) - radius));
        int yTo = Math.min(CANVAS - 1, (int) Math.ceil(Math.max(y1, y2) + radius));
        double dx = x2 - x1;
        double dy = y2 - y1;
        double lengthSquared = dx * dx + dy * dy;
        for (int py = yFrom; py <= yTo; py++) {
            for (int px = xFrom; px <= xTo; px++) {
                double x = px + 0.5;
                double y = py + 0.5;
                double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
                if (Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= radius) {
                    ink[py][px] = true;
                }
            }
        }
    }

    /** Each 8×8 pixel: the number of ink pixels in its 4×4 block of the canvas (0..16), as in optdigits. */
    private static double[] blockCounts(boolean[][] ink) {
        double[] out = new double[Digits.SIDE * Digits.SIDE];
        for (int py = 0; py < CANVAS; py++) {
            for (int px = 0; px < CANVAS; px++) {
                if (ink[py][px]) {
                    out[(py / BLOCK) * Digits.SIDE + px / BLOCK]++;
                }
            }
        }
        return out;
    }
}
