package dl2.common.cli;

import dl2.common.UserException;
import dl2.common.plot.Plots;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;

/**
 * Runs a program: a picocli {@code @Command} class (a {@link Callable} or {@link Runnable}) with
 * {@code @Mixin CommonOptions}. Its {@code main} is one line:
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(Programs.run(new TrainAttention(), args));
 * }
 * }</pre>
 * The exit code follows the project's convention:
 * <ul>
 *   <li>0: success (or the value a {@code Callable<Integer>} returned), also for {@code --help};</li>
 *   <li>2: a user error, printed as one line {@code error: …} without a stack trace: a bad option or value
 *       (picocli's message, a suggestion for a misspelt option, and a hint to {@code --help}), a
 *       {@link UserException} (its sentence; also when another exception carries it as its cause), or running
 *       out of memory (sizes too large for the JVM's heap);</li>
 *   <li>1: anything else, which is a bug: the stack trace is printed.</li>
 * </ul>
 * When plot windows were opened ({@code --show}), the program ends once they are all closed.
 */
public final class Programs {
    /** The system property a launcher sets to its own command (e.g. {@code ./dl2}), used in the {@code --help} hint. */
    public static final String LAUNCHER_PROPERTY = "dl2.launcher";

    private Programs() {
    }

    /** Runs {@code command} with standard output and error. */
    public static int run(Object command, String... args) {
        Charset cs = Charset.defaultCharset();
        return run(command, new PrintWriter(System.out, true, cs), new PrintWriter(System.err, true, cs), args);
    }

    /** Runs {@code command} printing to the given writers (for tests and embedding); returns the exit code. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        try {
            ParseResult parsed = cl.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            applyCommonOptions(cl.getCommandSpec());
            int code = call(command);
            Plots.awaitWindows(out);
            return code;
        } catch (ParameterException e) {
            err.println("error: " + oneLine(e.getMessage()) + suggestions(e) + "; run '" + launcherPrefix()
                    + cl.getCommandName() + " --help' to see the options");
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (the JVM may use at most " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB); choose smaller sizes or give Java more memory, e.g. DL2_JAVA_OPTS=-Xmx8g (it takes the place of the"
                    + " launcher's default options, which only keep the heap small)");
            return 2;
        } catch (Throwable e) {
            UserException user = userCause(e);
            if (user != null) {
                err.println("error: " + oneLine(user.getMessage()));
                return 2;
            }
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void applyCommonOptions(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CommonOptions common) {
                common.apply();
            }
        }
    }

    private static int call(Object command) throws Exception {
        if (command instanceof Callable<?> callable) {
            return callable.call() instanceof Integer code ? code : 0;
        }
        if (command instanceof Runnable runnable) {
            runnable.run();
            return 0;
        }
        throw new IllegalArgumentException(command.getClass().getName() + " is neither a Callable nor a Runnable");
    }

    /** {@code " (did you mean --epochs?)"} for a misspelt option, else nothing. */
    private static String suggestions(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        return "";
    }

    /** The {@link UserException} that is {@code e} or one of its causes, or null. */
    private static UserException userCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UserException user) {
                return user;
            }
        }
        return null;
    }

    /** The message on one line, so that a user error is always the single line {@code error: …}. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String launcherPrefix() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        return launcher == null || launcher.isBlank() ? "" : launcher + " ";
    }
}
