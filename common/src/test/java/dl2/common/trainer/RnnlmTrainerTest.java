package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RnnlmTrainerTest {
    /** Records every batch; its loss is read from a list. */
    static final class Recorder implements LanguageModel {
        final List<IntTensor> xs = new ArrayList<>();
        final List<IntTensor> ts = new ArrayList<>();
        final double[] losses;
        int resets;

        Recorder(double... losses) {
            this.losses = losses;
        }

        @Override
        public double forward(IntTensor x, IntTensor t) {
            xs.add(x);
            ts.add(t);
            return losses[(xs.size() - 1) % losses.length];
        }

        @Override
        public void backward() {
        }

        @Override
        public void resetState() {
            resets++;
        }

        @Override
        public List<Tensor> params() {
            return List.of();
        }

        @Override
        public List<Tensor> grads() {
            return List.of();
        }
    }

    private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

    private static int[] range(int from, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        return a;
    }

    @Test
    void batchesReadEveryRowFromItsOwnOffsetAndCarryOnAcrossEpochs() {
        int[] xs = range(0, 30), ts = range(100, 30);   // word i is i, its target 100 + i
        Recorder model = new Recorder(1.0);
        new RnnlmTrainer(model, new SGD()).output(QUIET).fit(xs, ts, 2, 3, 4, 0, 1);
        // jump = 30 / 3 = 10: rows start at 0, 10, 20; 30 / (3 · 4) = 2 iterations per epoch
        assertEquals(4, model.xs.size());
        int[][][] expected = {
                {{0, 1, 2, 3}, {10, 11, 12, 13}, {20, 21, 22, 23}},
                {{4, 5, 6, 7}, {14, 15, 16, 17}, {24, 25, 26, 27}},
                {{8, 9, 10, 11}, {18, 19, 20, 21}, {28, 29, 0, 1}},    // epoch 2 carries on, wrapping round
                {{12, 13, 14, 15}, {22, 23, 24, 25}, {2, 3, 4, 5}},
        };
        for (int b = 0; b < 4; b++) {
            IntTensor x = model.xs.get(b), t = model.ts.get(b);
            assertArrayEquals(new int[] {3, 4}, x.shape);
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(expected[b][i][k], x.get(i, k), "batch " + b + " row " + i + " step " + k);
                    assertEquals(100 + expected[b][i][k], t.get(i, k));
                }
            }
        }
        assertEquals(0, model.resets, "the trainer never resets the state, as in the book");
    }

    @Test
    void reportsThePerplexityOfTheMeanLossSinceTheLastReport(@TempDir Path tmp) throws Exception {
        double a = Math.log(100), b = Math.log(50), c = Math.log(20);
        Recorder model = new Recorder(a, b, c);
        StringWriter sw = new StringWriter();
        Path file = tmp.resolve("metrics.csv");
        List<Double> epochPpl = new ArrayList<>();
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD()).output(new PrintWriter(sw));
        try (MetricsCsv csv = MetricsCsv.create(file, "epoch", "iter", "perplexity")) {
            trainer.metrics(csv).onEpochEnd((epoch, meanLoss) -> epochPpl.add(Math.exp(meanLoss)));
            trainer.fit(range(0, 24), range(1, 24), 1, 2, 4, 0, 2);   // 3 iterations: reports at 1 and 3
        }
        List<Double> ppl = trainer.perplexities();
        assertEquals(2, ppl.size());
        assertEquals(100, ppl.get(0), 1e-9);
        assertEquals(Math.exp((b + c) / 2), ppl.get(1), 1e-9);
        assertEquals(Math.exp((a + b + c) / 3), epochPpl.get(0), 1e-9);
        String[] lines = sw.toString().split("\\R");
        assertTrue(lines[0].startsWith("| epoch 1 |  iter 1 / 3 | time 0[s] | perplexity 100.00 | eta "), lines[0]);
        assertTrue(lines[1].startsWith("| epoch 1 |  iter 3 / 3 | "), lines[1]);
        assertEquals(List.of("epoch,iter,perplexity", "1,1,100", "1,3," + MetricsCsv.format(ppl.get(1))), Files.readAllLines(file));
    }

    @Test
    void tooShortACorpusIsAUserError() {
        RnnlmTrainer trainer = new RnnlmTrainer(new Recorder(1), new SGD()).output(QUIET);
        UserException e = assertThrows(UserException.class, () -> trainer.fit(range(0, 10), range(1, 10), 1, 2, 6, 0, 1));
        assertEquals("the corpus's 10 input words (all but its last) are too few for batches of 2 rows of 6 time steps; use a smaller --batch-size or --time-size",
                e.getMessage());
    }

    @Test
    void stopsAtAnInfiniteLoss() {
        Recorder model = new Recorder(1, Double.POSITIVE_INFINITY);
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD()).output(QUIET);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(range(0, 40), range(1, 40), 2, 2, 5, 0, 1));
        assertEquals(1, e.epoch());
        assertEquals(2, e.iteration());
    }

    @Test
    void stopsAtALossWhosePerplexityIsInfinite() {
        Recorder model = new Recorder(700, 710, 1);   // exp(700) is finite, exp(710) is not
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD()).output(QUIET);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(range(0, 40), range(1, 40), 2, 2, 5, 0, 1));
        assertEquals(2, e.iteration());
        assertEquals("training diverged at epoch 1, iteration 2: the loss is 710.0, so large that the perplexity exp(loss)"
                + " is infinite; try a smaller learning rate or gradient clipping", e.getMessage());
        assertEquals(List.of(Math.exp(700)), trainer.perplexities(), "the report before it is finite");
    }
}
