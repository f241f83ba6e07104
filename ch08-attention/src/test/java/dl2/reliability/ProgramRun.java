package dl2.reliability;

import dl2.common.cli.Programs;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One in-process run of a program through {@link Programs#run}: its exit code and what it printed. */
record ProgramRun(String command, int code, String out, String err) {
    /** Runs {@code program} (a new picocli command object) with {@code args}. */
    static ProgramRun of(Object program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new ProgramRun(program.getClass().getSimpleName() + " " + String.join(" ", args), code, out.toString(), err.toString());
    }

    /** Asserts a successful run. */
    ProgramRun assertSuccess() {
        assertEquals(0, code, () -> command + "\n" + err);
        return this;
    }

    /**
     * Asserts a user error: exit code 2, standard error exactly one line {@code error: …} containing
     * {@code expected}, and no exception name or stack trace anywhere in the output.
     */
    ProgramRun assertUserError(String expected) {
        String all = out + err;
        assertEquals(2, code, () -> command + "\n" + all);
        assertEquals(1, err.lines().count(), () -> command + ": one line expected on stderr, got\n" + err);
        assertTrue(err.startsWith("error: "), () -> command + "\n" + err);
        assertTrue(err.contains(expected), () -> command + ": expected \"" + expected + "\" in\n" + err);
        assertFalse(all.contains("Exception"), () -> command + "\n" + all);
        assertFalse(all.contains("\tat "), () -> command + "\n" + all);
        return this;
    }

    /** The single error line without its {@code error: } prefix. */
    String message() {
        return err.strip().substring("error: ".length());
    }
}
