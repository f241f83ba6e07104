package dl2.dataset;

import dl2.common.UserException;

/**
 * A user error in the data: a missing, unreadable or malformed file (DESIGN.md, "Conventions": exit code 2
 * with one clear sentence).
 *
 * <p>The message is that one sentence: it names the file, the line (1-based) and the value when there is
 * one, and says what to do. It is a {@link UserException} (a {@code RuntimeException}), so a program run by
 * {@code dl2.common.cli.Programs} prints the sentence and exits with code 2 without catching it itself.
 */
public class DataException extends UserException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
