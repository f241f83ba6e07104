package dl2.common.plot;

import dl2.common.UserException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The project's pictures, saved as PNG without a display: line charts of training curves (the book's
 * {@code plt.plot} figures, drawn with XChart) and the grey-scale heat map of attention weights (book
 * 8.4.3, {@code visualize_attention.py}, drawn with Java2D so that every cell gets its own label).
 * With {@code --show} and a display, {@link #show} also opens a PNG in a window.
 */
public final class Plots {
    /** Size of a line chart in pixels. */
    public static final int LINE_WIDTH = 800;
    public static final int LINE_HEIGHT = 600;

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final int MARGIN = 14;
    private static final int COLOR_BAR_WIDTH = 18;

    private static final Object WINDOW_LOCK = new Object();
    private static int openWindows;

    private Plots() {
    }

    /** One named curve: points {@code (x[i], y[i])}. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + " has " + x.length + " x values but " + y.length + " y values");
            }
            if (x.length == 0) {
                throw new IllegalArgumentException("series " + name + " has no points");
            }
        }

        /** The values {@code y} at x = 0, 1, 2, … (the book's {@code plt.plot(np.arange(len(y)), y)}). */
        public static Series of(String name, List<? extends Number> y) {
            double[] xs = new double[y.size()];
            double[] ys = new double[y.size()];
            for (int i = 0; i < ys.length; i++) {
                xs[i] = i;
                ys[i] = y.get(i).doubleValue();
            }
            return new Series(name, xs, ys);
        }
    }

    /** Several curves in one chart, the y axis fitted to the data; the legend shows below the plot when there are several. */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        save(png, lineChart(title, xLabel, yLabel, series));
    }

    /** Several curves in one chart with the y axis fixed to {@code [yMin, yMax]} (e.g. accuracies: -0.05 to 1.05). */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series, double yMin, double yMax) {
        XYChart chart = lineChart(title, xLabel, yLabel, series);
        chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax);
        save(png, chart);
    }

    private static XYChart lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        XYChart chart = new XYChartBuilder().width(LINE_WIDTH).height(LINE_HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setLegendVisible(series.size() > 1);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);   // below the plot: never over a curve
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            if (s.x().length > 40) {
                xy.setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    private static void save(Path png, XYChart chart) {
        try (OutputStream os = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * A heat map of {@code values} (rows × cols, each in 0..1): grey scale from black (0) to white (1), the
     * first row at the top, one label per row and per column, axis titles and a colour scale (book figure of
     * the attention weights: rows are output characters, columns input characters).
     */
    public static void heatmap(Path png, String title, double[][] values, String[] rowLabels, String[] colLabels,
                               String xTitle, String yTitle) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("a heat map needs at least one row and one column");
        }
        if (rowLabels.length != rows || colLabels.length != cols) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " heat map needs " + rows + " row labels and "
                    + cols + " column labels, got " + rowLabels.length + " and " + colLabels.length);
        }
        for (double[] row : values) {
            if (row.length != cols) {
                throw new IllegalArgumentException("heat map rows differ in length: " + row.length + " and " + cols);
            }
        }
        writePng(png, drawHeatmap(title, values, rowLabels, colLabels, xTitle, yTitle));
    }

    private static BufferedImage drawHeatmap(String title, double[][] values, String[] rowLabels, String[] colLabels,
                                             String xTitle, String yTitle) {
        int rows = values.length, cols = values[0].length;
        int cell = Math.max(14, Math.min(48, Math.min(720 / cols, 480 / rows)));

        FontMetrics label = metrics(LABEL_FONT), head = metrics(TITLE_FONT);
        int rowLabelWidth = maxWidth(label, rowLabels);
        int colLabelWidth = maxWidth(label, colLabels);
        boolean verticalColLabels = colLabelWidth > cell - 2;
        int colLabelHeight = verticalColLabels ? colLabelWidth : label.getHeight();
        int tickWidth = label.stringWidth("0.0");

        int left = MARGIN + label.getHeight() + 6 + rowLabelWidth + 6;
        int top = MARGIN + head.getHeight() + 8;
        int gridW = cols * cell, gridH = rows * cell;
        int barX = left + gridW + 16;
        int width = barX + COLOR_BAR_WIDTH + 6 + tickWidth + MARGIN;
        int height = top + gridH + 6 + colLabelHeight + 6 + label.getHeight() + MARGIN;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(grey(values[r][c]));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left - 1, top - 1, gridW + 1, gridH + 1);

        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        g.drawString(title, left + (gridW - head.stringWidth(title)) / 2, MARGIN + head.getAscent());

        g.setFont(LABEL_FONT);
        for (int r = 0; r < rows; r++) {
            int y = top + r * cell + (cell + label.getAscent() - label.getDescent()) / 2;
            g.drawString(rowLabels[r], left - 6 - label.stringWidth(rowLabels[r]), y);
        }
        int colLabelTop = top + gridH + 6;
        for (int c = 0; c < cols; c++) {
            int cx = left + c * cell + cell / 2;
            if (verticalColLabels) {
                drawRotated(g, colLabels[c], cx + (label.getAscent() - label.getDescent()) / 2, colLabelTop + label.stringWidth(colLabels[c]));
            } else {
                g.drawString(colLabels[c], cx - label.stringWidth(colLabels[c]) / 2, colLabelTop + label.getAscent());
            }
        }
        int xTitleY = colLabelTop + colLabelHeight + 6 + label.getAscent();
        g.drawString(xTitle, left + (gridW - label.stringWidth(xTitle)) / 2, xTitleY);
        drawRotated(g, yTitle, MARGIN + label.getAscent(), top + (gridH + label.stringWidth(yTitle)) / 2);

        for (int y = 0; y < gridH; y++) {
            g.setColor(grey(1.0 - (double) y / (gridH - 1)));
            g.drawLine(barX, top + y, barX + COLOR_BAR_WIDTH - 1, top + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(barX - 1, top - 1, COLOR_BAR_WIDTH + 1, gridH + 1);
        g.setColor(Color.BLACK);
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            int y = top + (int) Math.round((1 - v) * (gridH - 1));
            g.drawLine(barX + COLOR_BAR_WIDTH, y, barX + COLOR_BAR_WIDTH + 3, y);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), barX + COLOR_BAR_WIDTH + 6, y + (label.getAscent() - label.getDescent()) / 2);
        }
        g.dispose();
        return img;
    }

    private static Color grey(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("a heat map value is NaN");
        }
        int level = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        return new Color(level, level, level);
    }

    private static void drawRotated(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(text, 0, 0);
        g.setTransform(saved);
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static int maxWidth(FontMetrics fm, String[] labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, fm.stringWidth(s));
        }
        return w;
    }

    private static void writePng(Path png, BufferedImage img) {
        try (OutputStream os = Files.newOutputStream(png)) {
            ImageIO.write(img, "png", os);
        } catch (IOException e) {
            throw new UserException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code png} in a window when a display exists; does nothing (and returns false) without one.
     * {@link dl2.common.cli.Programs#run} waits for the windows to be closed before the program ends.
     */
    public static boolean show(Path png) {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                return false;
            }
            SwingUtilities.invokeAndWait(() -> {
                JFrame frame = new JFrame(png.getFileName().toString());
                frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
                frame.add(new JLabel(new ImageIcon(img)));
                frame.addWindowListener(new WindowAdapter() {
                    @Override
                    public void windowClosed(WindowEvent e) {
                        synchronized (WINDOW_LOCK) {
                            openWindows--;
                            WINDOW_LOCK.notifyAll();
                        }
                    }
                });
                frame.pack();
                frame.setVisible(true);
                synchronized (WINDOW_LOCK) {
                    openWindows++;
                }
            });
            return true;
        } catch (InvocationTargetException | IOException | RuntimeException | Error e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until every window opened by {@link #show} is closed, after saying so on {@code out}. */
    public static void awaitWindows(PrintWriter out) throws InterruptedException {
        synchronized (WINDOW_LOCK) {
            if (openWindows > 0) {
                out.println("close the plot windows to finish");
                out.flush();
            }
            while (openWindows > 0) {
                WINDOW_LOCK.wait();
            }
        }
    }
}
