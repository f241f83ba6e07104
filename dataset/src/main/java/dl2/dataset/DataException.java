package dl2.dataset;

/**
 * A user error in the data: a missing, unreadable or malformed file (DESIGN.md, "Conventions": exit code 2
 * with one clear sentence).
 *
 * <p>The message is that one sentence: it names the file, the line (1-based) and the value when there is
 * one, and says what to do. Programs catch this exception, print the message and exit with code 2.
 */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
