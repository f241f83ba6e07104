package dl2.common;

/**
 * An error the user can fix (bad path, malformed line, wrong parameters file, unknown character…).
 * Its message is one sentence naming the file, line, option or value and what to do; programs print it
 * alone, without a stack trace, and exit with code 2.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
