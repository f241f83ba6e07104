package dl2.common.cli;

import dl2.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckTest {
    private static String message(Runnable r) {
        return assertThrows(UserException.class, r::run).getMessage();
    }

    @Test
    void positiveInt() {
        assertEquals(1, Check.positive("--epochs", 1));
        assertEquals("--epochs must be at least 1, got 0", message(() -> Check.positive("--epochs", 0)));
        assertEquals("--epochs must be at least 1, got -3", message(() -> Check.positive("--epochs", -3)));
    }

    @Test
    void positiveDouble() {
        assertEquals(0.5, Check.positive("--lr", 0.5));
        assertEquals("--lr must be a positive number, got 0.0", message(() -> Check.positive("--lr", 0.0)));
        assertEquals("--lr must be a positive number, got NaN", message(() -> Check.positive("--lr", Double.NaN)));
        assertEquals("--lr must be a positive number, got Infinity", message(() -> Check.positive("--lr", Double.POSITIVE_INFINITY)));
    }

    @Test
    void nonNegative() {
        assertEquals(0, Check.nonNegative("--max-grad", 0));
        assertEquals(0.0, Check.nonNegative("--max-grad", 0.0));
        assertEquals("--warmup must be 0 or more, got -1", message(() -> Check.nonNegative("--warmup", -1)));
        assertEquals("--max-grad must be 0 or a positive number, got -0.5", message(() -> Check.nonNegative("--max-grad", -0.5)));
    }

    @Test
    void ranges() {
        assertEquals(0.0, Check.range("--dropout", 0.0, 0, 1));
        assertEquals("--dropout must be at least 0.0 and below 1.0, got 1.0", message(() -> Check.range("--dropout", 1.0, 0, 1)));
        assertEquals(8, Check.range("--bits", 8, 1, 16));
        assertEquals("--bits must be between 1 and 16, got 17", message(() -> Check.range("--bits", 17, 1, 16)));
    }

    @Test
    void readableFile(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("date.txt"), "x");
        assertEquals(f, Check.readableFile("--data", f));
        Path missing = tmp.resolve("none.txt");
        assertEquals("--data: there is no file " + missing, message(() -> Check.readableFile("--data", missing)));
        assertEquals("--data: there is no file " + tmp, message(() -> Check.readableFile("--data", tmp)));
    }
}
