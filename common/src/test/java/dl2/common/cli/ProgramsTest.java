package dl2.common.cli;

import dl2.common.Kernels;
import dl2.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramsTest {
    /** A program whose behaviour is chosen by {@code --fail}. */
    @Command(name = "test-program", description = "A program for the tests.")
    static final class TestProgram implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--epochs", defaultValue = "3", description = "Epochs.")
        int epochs;

        @Option(names = "--fail", description = "none, user, wrapped, memory or bug.", defaultValue = "none")
        String fail;

        @Option(names = "--code", defaultValue = "0", description = "Exit code to return.")
        int code;

        @Option(names = "--write", description = "Create the output folder.")
        boolean write;

        Path outDir;

        @Override
        public Integer call() {
            Check.positive("--epochs", epochs);
            switch (fail) {
                case "user" -> throw new UserException("the file data/x.txt has no line 3");
                case "wrapped" -> throw new IllegalStateException("in a worker", new UserException("the file data/x.txt has no line 3"));
                case "memory" -> throw new OutOfMemoryError("Java heap space");
                case "bug" -> throw new IllegalStateException("broken invariant");
                default -> {
                }
            }
            if (write) {
                outDir = common.outDir();
            }
            common.stdout().println("seed " + common.seed() + " epochs " + epochs);
            return code;
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Object program, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void successPrintsAndReturnsZero() {
        Result r = run(new TestProgram(), "--epochs", "5", "--seed", "7");
        assertEquals(0, r.code);
        assertEquals("seed 7 epochs 5" + System.lineSeparator(), r.out);
        assertEquals("", r.err);
    }

    @Test
    void defaultSeedIsTheBooks() {
        Result r = run(new TestProgram());
        assertEquals("seed 1984 epochs 3" + System.lineSeparator(), r.out);
    }

    @Test
    void returnedCodeIsPassedThrough() {
        assertEquals(3, run(new TestProgram(), "--code", "3").code);
    }

    @Test
    void unknownOptionIsExitTwoWithOneHintAndNoUsageDump() {
        Result r = run(new TestProgram(), "--bogus");
        assertEquals(2, r.code);
        assertEquals("error: Unknown option: '--bogus'; run 'test-program --help' to see the options" + System.lineSeparator(), r.err);
        assertFalse(r.err.contains("Usage:"), r.err);
        assertFalse(r.err.contains("--seed"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void misspeltOptionGetsASuggestion() {
        Result r = run(new TestProgram(), "--epoch", "4");
        assertEquals(2, r.code);
        assertEquals("error: Unknown options: '--epoch', '4' (did you mean --epochs?); run 'test-program --help' to see the options"
                + System.lineSeparator(), r.err);
    }

    @Test
    void badNumberIsExitTwoNamingTheOption() {
        Result r = run(new TestProgram(), "--epochs", "many");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("error: "), r.err);
        assertTrue(r.err.contains("--epochs") && r.err.contains("many"), r.err);
    }

    @Test
    void helpPrintsUsageWithDefaultsAndReturnsZero() {
        Result r = run(new TestProgram(), "--help");
        assertEquals(0, r.code);
        assertTrue(r.out.startsWith("Usage: test-program"), r.out);
        for (String option : new String[] {"--seed", "--out", "--show", "--threads", "--epochs", "--help"}) {
            assertTrue(r.out.contains(option), option + " missing in\n" + r.out);
        }
        assertTrue(r.out.contains("Default: 1984"), r.out);
        assertEquals("", r.err);
    }

    @Test
    void userExceptionIsExitTwoWithJustTheSentence() {
        Result r = run(new TestProgram(), "--fail", "user");
        assertEquals(2, r.code);
        assertEquals("error: the file data/x.txt has no line 3" + System.lineSeparator(), r.err);
        assertFalse(r.err.contains("Exception"));
        assertFalse(r.err.contains("\tat "));
    }

    @Test
    void aUserExceptionCarriedAsACauseIsStillAUserError() {
        Result r = run(new TestProgram(), "--fail", "wrapped");
        assertEquals(2, r.code);
        assertEquals("error: the file data/x.txt has no line 3" + System.lineSeparator(), r.err);
    }

    @Test
    void runningOutOfMemoryIsAUserErrorInOneLine() {
        Result r = run(new TestProgram(), "--fail", "memory");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("error: out of memory (the JVM may use at most "), r.err);
        assertTrue(r.err.contains("DL2_JAVA_OPTS=-Xmx8g"), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }

    @Test
    void anEmptyOutIsAUserError() {
        Result r = run(new TestProgram(), "--write", "--out", "");
        assertEquals(2, r.code);
        assertEquals("error: --out is empty; give a folder, e.g. --out out/test-program" + System.lineSeparator(), r.err);
    }

    @Test
    void bugIsExitOneWithTheStackTrace() {
        Result r = run(new TestProgram(), "--fail", "bug");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("IllegalStateException: broken invariant"), r.err);
        assertTrue(r.err.contains("\tat "), r.err);
    }

    @Test
    void checkedValueIsExitTwoNamingTheOption() {
        Result r = run(new TestProgram(), "--epochs", "0");
        assertEquals(2, r.code);
        assertEquals("error: --epochs must be at least 1, got 0" + System.lineSeparator(), r.err);
    }

    @Test
    void outIsCreatedWithItsParents(@TempDir Path tmp) {
        TestProgram p = new TestProgram();
        Path out = tmp.resolve("a/b");
        assertEquals(0, run(p, "--write", "--out", out.toString()).code);
        assertEquals(out, p.outDir);
        assertTrue(Files.isDirectory(out));
    }

    @Test
    void outThatCannotBeCreatedIsExitTwoNamingIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        Result r = run(new TestProgram(), "--write", "--out", file.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("error: cannot create the output folder " + file + " (--out)"), r.err);

        Result below = run(new TestProgram(), "--write", "--out", file.resolve("sub").toString());
        assertEquals(2, below.code);
        assertTrue(below.err.contains(file.resolve("sub").toString()), below.err);
    }

    @Test
    void outIsNotCreatedUnlessAskedFor(@TempDir Path tmp) {
        Path out = tmp.resolve("unused");
        assertEquals(0, run(new TestProgram(), "--out", out.toString()).code);
        assertFalse(Files.exists(out));
    }

    @Test
    void threadsAreCheckedAndApplied() {
        int before = Kernels.threads();
        try {
            Result bad = run(new TestProgram(), "--threads", "0");
            assertEquals(2, bad.code);
            assertTrue(bad.err.contains("--threads"), bad.err);
            assertEquals(0, run(new TestProgram(), "--threads", "2").code);
            assertEquals(2, Kernels.threads());
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void aCommandThatIsNotRunnableIsABug() {
        @Command(name = "nothing")
        class NotRunnable {
        }
        assertEquals(1, run(new NotRunnable()).code);
    }
}
