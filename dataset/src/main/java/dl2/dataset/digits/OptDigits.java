package dl2.dataset.digits;

import dl2.common.Tensor;
import dl2.dataset.DataException;
import dl2.dataset.DataFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads digit images in the layout of the UCI "optdigits" files ({@code optdigits.tra},
 * {@code optdigits.tes}) with Commons CSV (DESIGN.md, "Digits LSTM classifier"): one image per row,
 * 64 integers 0-16 (the 8×8 pixels, row by row) and then the label 0-9. No header.
 */
public final class OptDigits {
    private static final int FIELDS = Digits.SIDE * Digits.SIDE + 1;
    private static final String LAYOUT = "each row must be 64 integers 0-16 then the label 0-9";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();

    private OptDigits() {
    }

    /**
     * All rows of {@code csv}.
     *
     * @throws DataException naming the file, the line (1-based) and the value when the file is missing,
     *                       empty or a row is malformed
     */
    public static Digits load(Path csv) {
        DataFiles.requireFile(csv, "give the path of optdigits.tra or another CSV in the UCI optdigits layout,"
                + " or use --data builtin to generate digits.");
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    throw new DataException(csv + " line " + line + " is empty; " + LAYOUT + ", with no blank lines between rows.");
                }
                if (record.size() != FIELDS) {
                    throw new DataException(csv + " line " + line + ": " + record.size() + " fields instead of " + FIELDS + "; " + LAYOUT + ".");
                }
                double[] pixels = new double[FIELDS - 1];
                for (int j = 0; j < pixels.length; j++) {
                    pixels[j] = integer(csv, line, j, record.get(j), Digits.MAX_VALUE, "pixel value");
                }
                labels.add(integer(csv, line, FIELDS - 1, record.get(FIELDS - 1), Digits.CLASSES - 1, "label"));
                rows.add(pixels);
            }
        } catch (IOException e) {
            throw DataFiles.readError(csv, e);
        } catch (UncheckedIOException e) {
            throw DataFiles.readError(csv, e.getCause());
        }
        if (rows.isEmpty()) {
            throw new DataException(csv + " has no rows; " + LAYOUT + ", like the UCI optdigits files.");
        }

        int pixels = FIELDS - 1;
        Tensor images = Tensor.zeros(rows.size(), Digits.SIDE, Digits.SIDE);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, images.data, i * pixels, pixels);
        }
        return new Digits(csv.toString(), images, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Field {@code j} (0-based) as an integer in 0..max, or a {@link DataException} saying what is wrong. */
    private static int integer(Path csv, long line, int j, String text, int max, String what) {
        String where = csv + " line " + line + ", field " + (j + 1) + ": ";
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DataException(where + "'" + text + "' is not an integer; " + LAYOUT + ".");
        }
        if (value < 0 || value > max) {
            throw new DataException(where + what + " " + value + " is outside 0-" + max + "; " + LAYOUT + ".");
        }
        return value;
    }
}
