package dl2.dataset.digits;

import dl2.dataset.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Draws digit images as a PNG grid, one row per class, so a reader can see the data of the digits LSTM
 * classifier (DESIGN.md, "Digits LSTM classifier"). Plain {@link BufferedImage} and {@link ImageIO}:
 * no window is opened, so it works headless.
 */
public final class DigitsImage {
    /** Screen pixels per image pixel. */
    private static final int ZOOM = 6;
    /** Gap between images, in screen pixels. */
    private static final int GAP = 4;
    private static final int PAPER = 0xFFFFFF;
    private static final int BORDER = 0xC8C8C8;

    private DigitsImage() {
    }

    /**
     * Writes the first {@code perClass} images of each class: row {@code k} shows digit {@code k}, dark ink
     * on white paper (value 16 is black). Cells of a class with fewer images stay empty.
     *
     * @throws DataException when the file cannot be written
     */
    public static void writeGridPng(Digits digits, int perClass, Path png) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be positive: " + perClass);
        }
        int cell = Digits.SIDE * ZOOM;
        int width = GAP + perClass * (cell + GAP);
        int height = GAP + Digits.CLASSES * (cell + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, width, height, BORDER);

        int[] shown = new int[Digits.CLASSES];
        int pixels = Digits.SIDE * Digits.SIDE;
        double[] data = digits.images().data;
        for (int i = 0; i < digits.size(); i++) {
            int label = digits.labels()[i];
            if (shown[label] == perClass) {
                continue;
            }
            int left = GAP + shown[label] * (cell + GAP);
            int top = GAP + label * (cell + GAP);
            for (int p = 0; p < pixels; p++) {
                int grey = 255 - (int) Math.round(255 * data[i * pixels + p] / Digits.MAX_VALUE);
                fill(image, left + (p % Digits.SIDE) * ZOOM, top + (p / Digits.SIDE) * ZOOM, ZOOM, ZOOM, grey * 0x010101);
            }
            shown[label]++;
        }
        for (int label = 0; label < Digits.CLASSES; label++) {
            for (int k = shown[label]; k < perClass; k++) {
                fill(image, GAP + k * (cell + GAP), GAP + label * (cell + GAP), cell, cell, PAPER);
            }
        }
        write(image, png);
    }

    private static void fill(BufferedImage image, int left, int top, int width, int height, int rgb) {
        int[] row = new int[width];
        Arrays.fill(row, rgb);
        for (int y = top; y < top + height; y++) {
            image.setRGB(left, y, width, 1, row, 0, width);
        }
    }

    private static void write(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new DataException(png + " could not be written (" + e.getMessage() + "); check the folder and its permissions.", e);
        }
    }
}
