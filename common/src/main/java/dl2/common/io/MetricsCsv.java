package dl2.common.io;

import dl2.common.UserException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code metrics.csv} every training program writes into its {@code --out} folder: a header row, then
 * one row per evaluation (what the book prints and plots, kept as a file).
 *
 * <p>Each row is flushed at once, so an interrupted run keeps every row written so far, and a resumed
 * run ({@link #append}; {@link #appendUpTo} when rows written after its checkpoint must go) continues the same
 * file after checking that its header is the same. A new file
 * ({@link #create}) replaces an existing one only when its first row is written, together with its header:
 * a run that stops before its first evaluation (a bad option found late, a crash, training that diverges at
 * once) leaves the previous {@code metrics.csv} as it was. Numbers are
 * written exactly the same way on every run: integers as they are, other numbers rounded to
 * {@value #SIGNIFICANT_DIGITS} significant digits without trailing zeros ({@code 0.9}, {@code 136.2487113},
 * {@code 1.5E-7}), so the same seed gives a byte-identical file. Lines end with {@code \n}.
 */
public final class MetricsCsv implements Closeable {
    /** Significant digits kept for non-integer numbers. */
    public static final int SIGNIFICANT_DIGITS = 10;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final Path file;
    private final List<String> header;
    private final boolean replace;
    private CSVPrinter printer;   // opened at the first row

    private MetricsCsv(Path file, List<String> header, boolean replace) {
        this.file = file;
        this.header = header;
        this.replace = replace;
    }

    /**
     * A new file {@code file} with the columns {@code header}, written (replacing any file of that name) at the
     * first {@link #row}. Checks at once that it can be written, so that a wrong {@code --out} is reported
     * before the training starts.
     *
     * @throws UserException naming the file when its folder is missing or it cannot be written
     */
    public static MetricsCsv create(Path file, String... header) {
        List<String> columns = checkedHeader(header);
        checkWritable(file);
        return new MetricsCsv(file, columns, true);
    }

    /**
     * Opens {@code file} to add rows after the existing ones (for {@code --resume}); the file's header must be
     * exactly {@code header}. A missing or empty file is created as by {@link #create}.
     */
    public static MetricsCsv append(Path file, String... header) {
        List<String> columns = checkedHeader(header);
        List<String> existing = readHeader(file);
        if (existing.isEmpty()) {
            return create(file, header);
        }
        if (!existing.equals(columns)) {
            throw new UserException("cannot continue " + file + ": its columns are " + String.join(",", existing)
                    + " but this run writes " + String.join(",", columns) + "; choose another --out folder");
        }
        checkWritable(file);
        return new MetricsCsv(file, columns, false);
    }

    /**
     * {@link #append} for a run resumed from a checkpoint of epoch (or iteration) {@code last}: the file is first
     * cut back to the rows whose first column is at most {@code last}, so that the rows the run before wrote after
     * that checkpoint (it stopped between writing a row and saving the checkpoint, or went on past it) are not
     * repeated. An incomplete last line (a run stopped while writing it) is dropped too. The rows kept stay byte
     * for byte as they were.
     *
     * @throws UserException naming the file when its header differs, a row's first column is not a whole number,
     *                       or it cannot be read or cut
     */
    public static MetricsCsv appendUpTo(Path file, long last, String... header) {
        MetricsCsv csv = append(file, header);
        if (!csv.replace && cutAfter(file, last) == 0) {
            return create(file, header);   // not even the header line was complete
        }
        return csv;
    }

    /** Cuts {@code file} before its first row whose first column is above {@code last}, and its incomplete last line; returns the bytes kept. */
    private static long cutAfter(Path file, long last) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int keep = text.lastIndexOf('\n') + 1;
            try (CSVParser parser = CSVParser.parse(text.substring(0, keep), FORMAT)) {
                for (CSVRecord r : parser) {
                    if (r.getRecordNumber() == 1) {
                        continue;   // the header
                    }
                    long first;
                    try {
                        first = Long.parseLong(r.get(0));
                    } catch (NumberFormatException e) {
                        throw new UserException("cannot continue " + file + ": its row " + (r.getRecordNumber() - 1) + " (\""
                                + String.join(",", r.toList()) + "\") does not start with a whole number; choose another --out folder", e);
                    }
                    if (first > last) {
                        keep = (int) r.getCharacterPosition();
                        break;
                    }
                }
            }
            long bytes = text.substring(0, keep).getBytes(StandardCharsets.UTF_8).length;
            if (bytes < Files.size(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(bytes);
                }
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw new UserException("cannot read " + file + " to continue it: " + e.getMessage(), e);
        }
    }

    /** The column names, in order. */
    public List<String> header() {
        return header;
    }

    public Path path() {
        return file;
    }

    /**
     * Writes one row, one value per column: numbers (formatted by {@link #format(Number)}) or strings; the
     * row is on disk when this returns.
     */
    public void row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(file.getFileName() + " has " + header.size() + " columns ("
                    + String.join(",", header) + ") but the row has " + values.length + " values");
        }
        List<String> cells = new ArrayList<>(values.length);
        for (Object v : values) {
            if (v instanceof Number n) {
                cells.add(format(n));
            } else if (v instanceof String s) {
                cells.add(s);
            } else {
                throw new IllegalArgumentException("a metrics value must be a number or a string, got " + v);
            }
        }
        try {
            if (printer == null) {
                open();
            }
            printer.printRecord(cells);
            printer.flush();
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Opens the file: a new one starts with the header, replacing any old file; an appended one is continued. */
    private void open() throws IOException {
        if (replace) {
            printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), FORMAT);
            printer.printRecord(header);
        } else {
            printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND), FORMAT);
        }
    }

    @Override
    public void close() {
        if (printer == null) {
            return;
        }
        try {
            printer.close();
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * How a number is written: {@code Integer}, {@code Long}, {@code Short} and {@code Byte} as they are;
     * any other number rounded half-up to {@value #SIGNIFICANT_DIGITS} significant digits, trailing zeros
     * dropped, plain between 1e-6 and 1e16 and in E notation outside ({@code 1.5E-7}); non-finite values as
     * {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    public static String format(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        // A float is taken at its shortest decimal (0.1f is 0.1), a double at its exact binary value.
        BigDecimal exact = n instanceof Float ? new BigDecimal(n.toString()) : new BigDecimal(v);
        BigDecimal d = exact.round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-6 && a < 1e16 ? d.toPlainString() : d.toString();
    }

    private static List<String> checkedHeader(String[] header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a metrics file needs at least one column");
        }
        return List.of(header);
    }

    private static List<String> readHeader(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            return records.hasNext() ? records.next().toList() : List.of();
        } catch (IOException | UncheckedIOException e) {
            throw new UserException("cannot read " + file + " to continue it: " + e.getMessage(), e);
        }
    }

    /** Throws the {@link UserException} of a file that could not be written now: no folder, a folder in its place, no permission. */
    private static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new UserException("cannot write " + file + ": there is no folder " + dir);
        }
        if (Files.isDirectory(file)) {
            throw new UserException("cannot write " + file + ": a folder of that name is in the way; remove it or choose another --out folder");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(dir)) {
            throw new UserException("cannot write " + file + ": permission denied; choose another --out folder");
        }
    }

    private static UserException cannotWrite(Path file, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new UserException("cannot write " + file + ": " + reason, e);
    }
}
