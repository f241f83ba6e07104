package dl2.common.io;

import dl2.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCsvTest {
    @Test
    void writesHeaderAndRowsFlushedAtOnce(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.create(f, "epoch", "loss", "val_acc")) {
            assertFalse(Files.exists(f), "the file appears with its first row");
            csv.row(1, 1.0986122886681098, 0.0);
            assertEquals("epoch,loss,val_acc\n1,1.098612289,0\n", Files.readString(f));
            csv.row(2, 0.5, 0.9);
            // on disk before close: an interrupted run keeps its rows
            assertEquals("epoch,loss,val_acc\n1,1.098612289,0\n2,0.5,0.9\n", Files.readString(f));
        }
    }

    @Test
    void anOldFileIsReplacedOnlyAtTheFirstRow(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "epoch,loss\n1,0.5\n2,0.25\n");
        try (MetricsCsv csv = MetricsCsv.create(f, "epoch", "loss")) {
            assertEquals("epoch,loss\n1,0.5\n2,0.25\n", Files.readString(f), "a run that stops before its first row keeps it");
        }
        assertEquals("epoch,loss\n1,0.5\n2,0.25\n", Files.readString(f));
        try (MetricsCsv csv = MetricsCsv.create(f, "epoch", "loss")) {
            csv.row(1, 0.75);
        }
        assertEquals("epoch,loss\n1,0.75\n", Files.readString(f));
    }

    @Test
    void aFolderInTheWayIsAUserErrorAtCreate(@TempDir Path tmp) throws Exception {
        Path f = Files.createDirectory(tmp.resolve("metrics.csv"));
        UserException e = assertThrows(UserException.class, () -> MetricsCsv.create(f, "epoch"));
        assertEquals("cannot write " + f + ": a folder of that name is in the way; remove it or choose another --out folder", e.getMessage());
    }

    @Test
    void numbersAreWrittenExactlyAndStably() {
        assertEquals("3", MetricsCsv.format(3));
        assertEquals("12345678901", MetricsCsv.format(12345678901L));
        assertEquals("0", MetricsCsv.format(0.0));
        assertEquals("2", MetricsCsv.format(2.0));
        assertEquals("0.9", MetricsCsv.format(0.9));
        assertEquals("0.1", MetricsCsv.format(0.1f));
        assertEquals("136.2487113", MetricsCsv.format(136.24871125));
        assertEquals("9999.96", MetricsCsv.format(9999.96));
        assertEquals("-0.3333333333", MetricsCsv.format(-1.0 / 3));
        assertEquals("0.000001", MetricsCsv.format(1e-6));
        assertEquals("1.5E-7", MetricsCsv.format(1.5e-7));
        assertEquals("1E+20", MetricsCsv.format(1e20));
        assertEquals("NaN", MetricsCsv.format(Double.NaN));
        assertEquals("Infinity", MetricsCsv.format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", MetricsCsv.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void sameInputsGiveByteIdenticalFiles(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.csv"), b = tmp.resolve("b.csv");
        for (Path f : new Path[] {a, b}) {
            try (MetricsCsv csv = MetricsCsv.create(f, "epoch", "iter", "perplexity")) {
                for (int i = 1; i <= 50; i++) {
                    csv.row(1, i, Math.exp(10.0 / i));
                }
            }
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void stringsAreQuotedWhenNeeded(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.csv");
        try (MetricsCsv csv = MetricsCsv.create(f, "model", "acc")) {
            csv.row("peeky, reversed", 0.5);
        }
        assertEquals("model,acc\n\"peeky, reversed\",0.5\n", Files.readString(f));
    }

    @Test
    void appendContinuesAFileWithTheSameHeader(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.create(f, "epoch", "loss")) {
            csv.row(1, 0.75);
        }
        try (MetricsCsv csv = MetricsCsv.append(f, "epoch", "loss")) {
            csv.row(2, 0.5);
        }
        assertEquals("epoch,loss\n1,0.75\n2,0.5\n", Files.readString(f));
    }

    @Test
    void appendToAMissingFileCreatesIt(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("new.csv");
        try (MetricsCsv csv = MetricsCsv.append(f, "epoch", "loss")) {
            csv.row(1, 0.25);
        }
        assertEquals("epoch,loss\n1,0.25\n", Files.readString(f));
    }

    @Test
    void appendRefusesAnotherHeader(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "epoch,iter,perplexity\n1,1,500\n");
        UserException e = assertThrows(UserException.class, () -> MetricsCsv.append(f, "epoch", "loss", "val_acc"));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("epoch,iter,perplexity") && e.getMessage().contains("epoch,loss,val_acc"), e.getMessage());
        assertEquals("epoch,iter,perplexity\n1,1,500\n", Files.readString(f));
    }

    @Test
    void appendUpToDropsTheRowsAfterTheCheckpointAndAnIncompleteLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "epoch,model,loss\n1,\"é, ü\",0.75\n2,b,0.5\n3,c,0.25\n4,d,0.1");
        try (MetricsCsv csv = MetricsCsv.appendUpTo(f, 2, "epoch", "model", "loss")) {
            assertEquals("epoch,model,loss\n1,\"é, ü\",0.75\n2,b,0.5\n", Files.readString(f), "cut at once, before any row");
            csv.row(3, "x", 0.125);
        }
        assertEquals("epoch,model,loss\n1,\"é, ü\",0.75\n2,b,0.5\n3,x,0.125\n", Files.readString(f));

        Files.writeString(f, "epoch,loss\n1,0.75\n2,0.5");
        try (MetricsCsv csv = MetricsCsv.appendUpTo(f, 5, "epoch", "loss")) {
            csv.row(2, 0.25);
        }
        assertEquals("epoch,loss\n1,0.75\n2,0.25\n", Files.readString(f), "the incomplete row 2 is replaced, not continued");
    }

    @Test
    void appendUpToKeepsAFileWithNothingAfterTheCheckpointAsItIs(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "epoch,loss\n1,0.75\n2,0.5\n");
        try (MetricsCsv csv = MetricsCsv.appendUpTo(f, 2, "epoch", "loss")) {
            assertEquals("epoch,loss\n1,0.75\n2,0.5\n", Files.readString(f));
        }
        try (MetricsCsv csv = MetricsCsv.appendUpTo(f, 0, "epoch", "loss")) {
            csv.row(1, 0.25);
        }
        assertEquals("epoch,loss\n1,0.25\n", Files.readString(f), "a checkpoint before the first row keeps only the header");
    }

    @Test
    void appendUpToAMissingOrHeaderOnlyFileWritesTheHeader(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("new.csv");
        try (MetricsCsv csv = MetricsCsv.appendUpTo(missing, 3, "epoch", "loss")) {
            csv.row(1, 0.25);
        }
        assertEquals("epoch,loss\n1,0.25\n", Files.readString(missing));

        Path cut = tmp.resolve("cut.csv");
        Files.writeString(cut, "epoch,loss");
        try (MetricsCsv csv = MetricsCsv.appendUpTo(cut, 3, "epoch", "loss")) {
            csv.row(1, 0.25);
        }
        assertEquals("epoch,loss\n1,0.25\n", Files.readString(cut), "an incomplete header line is written again");
    }

    @Test
    void appendUpToRefusesAnotherHeaderOrARowWithoutANumber(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "epoch,iter,perplexity\n1,1,500\n");
        assertThrows(UserException.class, () -> MetricsCsv.appendUpTo(f, 1, "epoch", "loss"));
        assertEquals("epoch,iter,perplexity\n1,1,500\n", Files.readString(f));

        Files.writeString(f, "epoch,loss\n1,0.5\nlast,0.25\n");
        UserException e = assertThrows(UserException.class, () -> MetricsCsv.appendUpTo(f, 1, "epoch", "loss"));
        assertEquals("cannot continue " + f + ": its row 2 (\"last,0.25\") does not start with a whole number; choose another --out folder",
                e.getMessage());
        assertEquals("epoch,loss\n1,0.5\nlast,0.25\n", Files.readString(f), "left as it was");
    }

    @Test
    void rowOfTheWrongLengthIsABug(@TempDir Path tmp) {
        try (MetricsCsv csv = MetricsCsv.create(tmp.resolve("m.csv"), "epoch", "loss")) {
            assertThrows(IllegalArgumentException.class, () -> csv.row(1));
            assertThrows(IllegalArgumentException.class, () -> csv.row(1, new int[] {2}));
        }
    }

    @Test
    void unwritableFileIsAUserErrorNamingIt(@TempDir Path tmp) {
        Path f = tmp.resolve("no/such/folder/metrics.csv");
        UserException e = assertThrows(UserException.class, () -> MetricsCsv.create(f, "epoch"));
        assertTrue(e.getMessage().startsWith("cannot write " + f), e.getMessage());
    }
}
