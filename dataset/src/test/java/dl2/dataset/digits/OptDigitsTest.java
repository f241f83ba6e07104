package dl2.dataset.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.dataset.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptDigitsTest {
    @TempDir
    Path dir;

    /** A row of 64 pixel values (pixel p is p % 17) then the label. */
    private static String row(int label) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 64; p++) {
            sb.append(p % 17).append(',');
        }
        return sb.append(label).toString();
    }

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("optdigits.tra");
        Files.writeString(file, text);
        return file;
    }

    private String error(String text) throws IOException {
        Path file = csv(text);
        return assertThrows(DataException.class, () -> OptDigits.load(file)).getMessage();
    }

    @Test
    void readsTheUciLayout() throws IOException {
        Path file = csv(row(3) + "\n" + row(0) + "\r\n" + row(9) + "\n");
        Digits d = OptDigits.load(file);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {3, 0, 9}, d.labels());
        assertArrayEquals(new int[] {3, 8, 8}, d.images().shape);
        assertEquals(16, d.images().get(0, 2, 0), "value 16 is pixel 16: row 2, column 0");
        assertEquals(file.toString(), d.source());
        assertEquals(3, DigitsSource.resolve(file.toString(), 1).size());
    }

    @Test
    void eachMalformedRowIsNamedWithItsLine() throws IOException {
        String path = dir.resolve("optdigits.tra").toString();
        assertEquals(path + " line 2: 64 fields instead of 65; each row must be 64 integers 0-16 then the label 0-9.",
                error(row(1) + "\n" + row(1).substring(2) + "\n"));
        assertEquals(path + " line 2 is empty; each row must be 64 integers 0-16 then the label 0-9, with no blank lines between rows.",
                error(row(1) + "\n\n" + row(2) + "\n"), "a blank line counts as a line");
        assertEquals(path + " line 1, field 5: 'x' is not an integer; each row must be 64 integers 0-16 then the label 0-9.",
                error(row(1).replaceFirst("4,", "x,")));
        assertTrue(error(row(1).replaceFirst("^0,", "17,")).startsWith(path + " line 1, field 1: pixel value 17 is outside 0-16"));
        assertTrue(error(row(1).replaceFirst("^0,", "-1,")).startsWith(path + " line 1, field 1: pixel value -1 is outside 0-16"));
        assertTrue(error(row(10)).startsWith(path + " line 1, field 65: label 10 is outside 0-9"));
    }

    @Test
    void emptyMissingAndDirectoryAreClearErrors() throws IOException {
        assertTrue(error("").endsWith("optdigits.tra has no rows; each row must be 64 integers 0-16 then the label 0-9, like the UCI optdigits files."));
        Path missing = dir.resolve("optdigits.tes");
        String message = assertThrows(DataException.class, () -> OptDigits.load(missing)).getMessage();
        assertTrue(message.startsWith("no file " + missing + ";"), message);
        message = assertThrows(DataException.class, () -> OptDigits.load(dir)).getMessage();
        assertTrue(message.startsWith(dir + " is a directory"), message);
    }
}
