package dl2.common.demo;

import dl2.common.Tensor;
import dl2.common.UserException;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The picture of the trained two-layer net on the spiral (book figure 1-32): every pixel coloured by the
 * class the net predicts there, the training points drawn on top with the book's markers (o, x, ^).
 */
final class DecisionBoundary {
    /** Size of the square picture in pixels. */
    static final int SIZE = 520;
    private static final int MARGIN = 30;
    private static final double LIMIT = 1.1;   // the plane from -1.1 to 1.1 on both axes
    private static final Color[] REGION = {new Color(198, 219, 239), new Color(253, 208, 162), new Color(199, 233, 192)};
    private static final Color[] POINT = {new Color(33, 113, 181), new Color(217, 72, 1), new Color(35, 139, 69)};

    private DecisionBoundary() {
    }

    static void save(Path png, TwoLayerNet model, Spiral.Data data) {
        int area = SIZE - 2 * MARGIN;
        Tensor grid = Tensor.zeros(area * area, 2);
        for (int py = 0; py < area; py++) {
            for (int px = 0; px < area; px++) {
                int row = py * area + px;
                grid.data[row * 2] = toPlane(px, area);
                grid.data[row * 2 + 1] = -toPlane(py, area);
            }
        }
        int[] predicted = argmaxRows(model.predict(grid));

        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        for (int py = 0; py < area; py++) {
            for (int px = 0; px < area; px++) {
                img.setRGB(MARGIN + px, MARGIN + py, REGION[predicted[py * area + px]].getRGB());
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < data.t().size(); i++) {
            int c = data.t().data[i];
            int px = MARGIN + toPixel(data.x().data[i * 2], area);
            int py = MARGIN + toPixel(-data.x().data[i * 2 + 1], area);
            g.setColor(POINT[c]);
            drawMarker(g, c, px, py);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN - 1, MARGIN - 1, area + 1, area + 1);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Decision boundary of the two-layer net", MARGIN, MARGIN - 10);
        g.dispose();
        try (OutputStream os = Files.newOutputStream(png)) {
            ImageIO.write(img, "png", os);
        } catch (IOException e) {
            throw new UserException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static double toPlane(int pixel, int area) {
        return -LIMIT + 2 * LIMIT * (pixel + 0.5) / area;
    }

    private static int toPixel(double v, int area) {
        return (int) Math.round((v + LIMIT) / (2 * LIMIT) * area - 0.5);
    }

    private static void drawMarker(Graphics2D g, int cls, int x, int y) {
        int r = 4;
        switch (cls) {
            case 0 -> g.drawOval(x - r, y - r, 2 * r, 2 * r);
            case 1 -> {
                g.drawLine(x - r, y - r, x + r, y + r);
                g.drawLine(x - r, y + r, x + r, y - r);
            }
            default -> g.drawPolygon(new int[] {x - r, x + r, x}, new int[] {y + r, y + r, y - r}, 3);
        }
    }

    /** The index of the largest score in every row of {@code scores (N, C)}. */
    static int[] argmaxRows(Tensor scores) {
        int C = scores.dim(1), N = scores.dim(0);
        int[] out = new int[N];
        for (int n = 0; n < N; n++) {
            int best = 0;
            for (int c = 1; c < C; c++) {
                if (scores.data[n * C + c] > scores.data[n * C + best]) {
                    best = c;
                }
            }
            out[n] = best;
        }
        return out;
    }
}
