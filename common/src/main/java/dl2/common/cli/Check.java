package dl2.common.cli;

import dl2.common.UserException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One-line checks of option values, each throwing a {@link UserException} whose sentence names the option,
 * the value and what is allowed (so the program exits with code 2):
 * <pre>{@code
 * Check.positive("--epochs", epochs);
 * Check.range("--dropout", dropout, 0, 1);
 * }</pre>
 */
public final class Check {
    private Check() {
    }

    /** {@code value ≥ 1}. */
    public static int positive(String option, int value) {
        if (value < 1) {
            throw new UserException(option + " must be at least 1, got " + value);
        }
        return value;
    }

    /** {@code value > 0} and finite. */
    public static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserException(option + " must be a positive number, got " + value);
        }
        return value;
    }

    /** {@code value ≥ 0}. */
    public static int nonNegative(String option, int value) {
        if (value < 0) {
            throw new UserException(option + " must be 0 or more, got " + value);
        }
        return value;
    }

    /** {@code value ≥ 0} and finite. */
    public static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserException(option + " must be 0 or a positive number, got " + value);
        }
        return value;
    }

    /** {@code lo ≤ value ≤ hi}. */
    public static int range(String option, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new UserException(option + " must be between " + lo + " and " + hi + ", got " + value);
        }
        return value;
    }

    /** {@code lo ≤ value < hi}, the usual shape of a rate such as dropout. */
    public static double range(String option, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new UserException(option + " must be at least " + lo + " and below " + hi + ", got " + value);
        }
        return value;
    }

    /** A file that exists and can be read. */
    public static Path readableFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(option + ": there is no file " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UserException(option + ": the file " + file + " cannot be read (check its permissions)");
        }
        return file;
    }
}
