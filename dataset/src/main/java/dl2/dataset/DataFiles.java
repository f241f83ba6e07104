package dl2.dataset;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reading and writing the text files of the data sets, with every I/O failure turned into a
 * {@link DataException} whose one sentence names the file (DESIGN.md, "Conventions": exit code 2 for a
 * missing or malformed file). Shared by the PTB, sequence and optdigits loaders.
 */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * Checks that {@code file} exists and is a regular file.
     *
     * @param whatToDo the end of the sentence when the file is missing, e.g. "generate it with ..."
     */
    public static void requireFile(Path file, String whatToDo) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + " is a directory, not a file; give the path of the data file itself.");
        }
        if (!Files.exists(file)) {
            throw new DataException("no file " + file + "; " + whatToDo);
        }
    }

    /** All lines of a UTF-8 text file, without their line endings; see {@link #requireFile}. */
    public static List<String> readLines(Path file, String whatToDo) {
        requireFile(file, whatToDo);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /** The {@link DataException} for a file that exists but could not be read. */
    public static DataException readError(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new DataException(file + " is not UTF-8 text; give a plain text file.", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException(file + " cannot be read (permission denied); check its permissions.", e);
        }
        if (e instanceof NoSuchFileException) {
            return new DataException("no file " + file + "; check the path.", e);
        }
        return new DataException(file + " could not be read (" + e.getMessage() + "); check the file.", e);
    }

    /**
     * Writes lines (each followed by '\n') to a temporary file beside {@code file}, then renames it, so a
     * reader never sees half a file. Creates the parent folders.
     */
    public static void writeLines(Path file, List<String> lines) {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            // not Files.createTempFile, whose file (and so the data file once renamed) only its owner may read
            tmp = parent.resolve(file.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            Files.writeString(tmp, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new DataException(file + " could not be written (" + e.getMessage() + "); check the folder and its permissions.", e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The write already failed; that is the error worth reporting.
        }
    }
}
