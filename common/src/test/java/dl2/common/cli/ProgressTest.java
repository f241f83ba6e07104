package dl2.common.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {
    @Test
    void printsTheBooksLinesWithTheTimeLeftForTheWholeRun() {
        long[] now = {0};
        StringWriter sw = new StringWriter();
        Progress p = Progress.lines(new PrintWriter(sw), "perplexity", 2, 10, () -> now[0]);
        now[0] = 2_000_000_000L;                 // 2 s for the first iteration: 19 left
        p.iterationDone(1, 1);
        p.report(1, 1, 9999.956);
        for (int i = 2; i <= 10; i++) {
            p.iterationDone(1, i);
        }
        now[0] = 100_000_000_000L;               // 100 s for 10 iterations: 10 left
        p.endEpoch();
        p.iterationDone(2, 1);
        p.report(2, 1, 1.234);
        p.close();
        String n = System.lineSeparator();
        assertEquals("| epoch 1 |  iter 1 / 10 | time 2[s] | perplexity 9999.96 | eta 38s" + n
                + "| epoch 2 |  iter 1 / 10 | time 100[s] | perplexity 1.23 | eta 1m22s" + n, sw.toString());
    }

    @Test
    void durations() {
        assertEquals("0s", Progress.formatDuration(0));
        assertEquals("59s", Progress.formatDuration(59));
        assertEquals("1m00s", Progress.formatDuration(60));
        assertEquals("5m10s", Progress.formatDuration(310));
        assertEquals("1h05m", Progress.formatDuration(3900));
        assertEquals("27h46m", Progress.formatDuration(100_000));
    }
}
