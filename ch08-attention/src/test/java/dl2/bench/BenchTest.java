package dl2.bench;

import dl2.common.cli.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTest {
    @Test
    void measuresThePeakAndTheProductsAndWritesBenchCsv(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        int code = Programs.run(new Bench(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "--only", "peak,products", "--reps", "1", "--warmup", "0", "--out", dir.toString());
        assertEquals(0, code, out.toString());
        List<String> rows = Files.readAllLines(dir.resolve("bench.csv"));
        assertEquals("item,ms,gflops,threads,vector", rows.get(0));
        assertEquals(5, rows.size(), "header, the peak and the three products: " + rows);
        for (String row : rows.subList(1, rows.size())) {
            double gflops = Double.parseDouble(row.split(",")[2]);
            assertTrue(gflops > 0 && Double.isFinite(gflops), row);
        }
        assertTrue(out.toString().contains("h · Wh"), out.toString());
    }

    @Test
    void anUnknownItemIsAUserError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = Programs.run(new Bench(), new PrintWriter(new StringWriter()), new PrintWriter(err),
                "--only", "everything", "--out", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("everything"), err.toString());
    }
}
