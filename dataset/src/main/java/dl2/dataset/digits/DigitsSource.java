package dl2.dataset.digits;

import java.nio.file.Path;

/**
 * Turns the digits program's {@code --data} option into its images (DESIGN.md, "Digits LSTM classifier":
 * the loader reads the optdigits CSV layout; the default, needing no download, is the generator).
 */
public final class DigitsSource {
    /** The {@code --data} value that asks for generated digits (also the default). */
    public static final String BUILTIN = "builtin";

    private DigitsSource() {
    }

    /**
     * No value (null or empty) or {@code "builtin"}: {@link DigitsGenerator#DEFAULT_PER_CLASS} generated
     * images per class from {@code seed}; anything else is the path of an optdigits CSV.
     * {@link Digits#source()} says which, for the program to print.
     *
     * @throws dl2.dataset.DataException when the file is missing or malformed
     */
    public static Digits resolve(String dataOption, long seed) {
        if (dataOption == null || dataOption.isBlank() || dataOption.equals(BUILTIN)) {
            return DigitsGenerator.generate(seed, DigitsGenerator.DEFAULT_PER_CLASS);
        }
        return OptDigits.load(Path.of(dataOption));
    }
}
