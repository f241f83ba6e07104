package dl2.common.cli;

import dl2.common.Kernels;
import dl2.common.UserException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options every program shares, added to a program's picocli command with
 * {@code @Mixin CommonOptions common;}:
 * <ul>
 *   <li>{@code --seed} (default {@value #DEFAULT_SEED}, the seed of the book's {@code dataset/spiral.py} and
 *       {@code dataset/sequence.py}): the same seed gives the same run, number for number;</li>
 *   <li>{@code --out DIR} (default {@code out/<program>}): where {@code metrics.csv}, the PNG plots and the
 *       parameters go, created when the program first asks for it ({@link #outDir()});</li>
 *   <li>{@code --show}: also open the plots in windows, when a display exists (never fails without one);</li>
 *   <li>{@code --threads N}: threads for large matrix products ({@link Kernels#setThreads}; default all processors);</li>
 *   <li>{@code -h}, {@code --help}.</li>
 * </ul>
 * {@link Programs#run} applies {@code --threads} before the program starts.
 */
public final class CommonOptions {
    /** The default of {@code --seed}. */
    public static final long DEFAULT_SEED = 1984;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DEFAULT_SEED,
            description = "Random seed; the same seed gives the same run.")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for metrics.csv, the PNG plots and the parameters. Default: out/${COMMAND-NAME}")
    private Path out;

    @Option(names = "--show", description = "Also show the plots in windows (when a display exists).")
    private boolean show;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for large matrix products. Default: all processors.")
    private Integer threads;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private Path createdOut;

    public long seed() {
        return seed;
    }

    /** True when {@code --show} was given: programs then pass their PNGs to {@code Plots.show}. */
    public boolean show() {
        return show;
    }

    /** The program's short name, e.g. {@code train-attention}. */
    public String programName() {
        return spec.name();
    }

    /**
     * The output folder ({@code --out}, or {@code out/<program>}), created with its parents on the first call.
     *
     * @throws UserException naming the folder when it cannot be created or written, or when {@code --out} is empty
     */
    public Path outDir() {
        if (createdOut == null) {
            if (out != null && out.toString().isEmpty()) {
                throw new UserException("--out is empty; give a folder, e.g. --out out/" + programName());
            }
            Path dir = out != null ? out : Path.of("out", programName());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserException("cannot create the output folder " + dir + " (--out): " + reason(e), e);
            }
            if (!Files.isWritable(dir)) {
                throw new UserException("cannot write into the output folder " + dir + " (--out); choose another one with --out DIR");
            }
            createdOut = dir;
        }
        return createdOut;
    }

    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied for " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.toString();
    }

    /** {@code outDir().resolve(fileName)}. */
    public Path outFile(String fileName) {
        return outDir().resolve(fileName);
    }

    /** Where the program prints its progress and results (standard output, or the writer given to {@link Programs#run}). */
    public PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    /** Where the program prints warnings (standard error, or the writer given to {@link Programs#run}). */
    public PrintWriter stderr() {
        return spec.commandLine().getErr();
    }

    /** Checks and applies {@code --threads}. */
    void apply() {
        if (threads != null) {
            Kernels.setThreads(Check.positive("--threads", threads));
        }
    }
}
