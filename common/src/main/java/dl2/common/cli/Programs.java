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
 *   <li>2: a user error: a bad option or value (picocli's message, a suggestion for a misspelt option, and
 *       a one-line hint to {@code --help}) or a {@link UserException} (its sentence after {@code error: },
 *       without a stack trace);</li>
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
            err.println("error: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + launcherPrefix() + cl.getCommandName() + " --help' to see the options.");
            return 2;
        } catch (UserException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Throwable e) {
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

    private static String launcherPrefix() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        return launcher == null || launcher.isBlank() ? "" : launcher + " ";
    }
}
