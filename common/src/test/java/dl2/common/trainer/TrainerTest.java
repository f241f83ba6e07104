package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.Model;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.io.MetricsCsv;
import dl2.common.layers.Affine;
import dl2.common.layers.SoftmaxWithLoss;
import dl2.common.optimizer.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
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

class TrainerTest {
    /** Affine + Softmax-with-Loss: a linear classifier. */
    static final class Linear implements Model<Tensor> {
        final Affine affine;
        final SoftmaxWithLoss loss = new SoftmaxWithLoss();

        Linear(int in, int classes, Rng rng) {
            affine = new Affine(Tensor.randn(rng, 0.01, in, classes), Tensor.zeros(classes));
        }

        @Override
        public double forward(Tensor x, IntTensor t) {
            return loss.forward(affine.forward(x), t);
        }

        @Override
        public void backward() {
            affine.backward(loss.backward());
        }

        @Override
        public List<Tensor> params() {
            return affine.params();
        }

        @Override
        public List<Tensor> grads() {
            return affine.grads();
        }
    }

    /** Two clouds of points around (-1, -1) (class 0) and (1, 1) (class 1). */
    static Tensor points(Rng rng, int n, IntTensor labels) {
        Tensor x = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            labels.data[i] = i % 2;
            double c = i % 2 == 0 ? -1 : 1;
            x.data[2 * i] = c + 0.3 * rng.randn();
            x.data[2 * i + 1] = c + 0.3 * rng.randn();
        }
        return x;
    }

    private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

    private static List<Double> train(long seed, int epochs) {
        Rng rng = new Rng(seed);
        IntTensor t = IntTensor.zeros(40);
        Tensor x = points(rng, 40, t);
        Trainer<Tensor> trainer = Trainer.forTensor(new Linear(2, 2, rng), new SGD(0.5), rng).output(QUIET);
        return trainer.fit(x, t, epochs, 8, 0, 1);
    }

    @Test
    void lossFallsOnSeparableData() {
        List<Double> losses = train(1, 10);
        assertEquals(50, losses.size());   // 10 epochs of 5 iterations, a report after each
        assertTrue(losses.get(0) > 0.6, "starts near ln 2: " + losses.get(0));
        assertTrue(losses.get(losses.size() - 1) < 0.1, "ends low: " + losses.get(losses.size() - 1));
    }

    @Test
    void sameSeedGivesTheSameLosses() {
        assertEquals(train(7, 3), train(7, 3));
        assertTrue(!train(7, 3).equals(train(8, 3)));
    }

    @Test
    void reportsFallOnTheBooksIterations() {
        Rng rng = new Rng(3);
        IntTensor t = IntTensor.zeros(40);
        Tensor x = points(rng, 40, t);
        StringWriter sw = new StringWriter();
        Trainer<Tensor> trainer = Trainer.forTensor(new Linear(2, 2, rng), new SGD(0.5), rng).output(new PrintWriter(sw));
        List<Double> losses = trainer.fit(x, t, 2, 4, 0, 4);   // 10 iterations per epoch: reports at 1, 5, 9
        assertEquals(6, losses.size());
        String[] lines = sw.toString().split("\\R");
        assertEquals(6, lines.length);
        assertTrue(lines[0].startsWith("| epoch 1 |  iter 1 / 10 | time "), lines[0]);
        assertTrue(lines[1].startsWith("| epoch 1 |  iter 5 / 10 | "), lines[1]);
        assertTrue(lines[5].startsWith("| epoch 2 |  iter 9 / 10 | "), lines[5]);
        assertTrue(lines[5].matches(".*\\| loss \\d+\\.\\d\\d \\| eta \\S+"), lines[5]);
        assertEquals(2, trainer.currentEpoch());
    }

    /** Records the rows it is given; its loss is the mean of its inputs. */
    static class Recorder implements Model<IntTensor> {
        final List<int[]> batches = new ArrayList<>();
        final Tensor w = Tensor.zeros(1), dw = Tensor.zeros(1);
        double nextLoss = 1;

        @Override
        public double forward(IntTensor x, IntTensor t) {
            assertArrayEquals(x.data, t.data, "inputs and labels must be picked by the same rows");
            batches.add(x.data.clone());
            return nextLoss;
        }

        @Override
        public void backward() {
            dw.data[0] = 1;
        }

        @Override
        public List<Tensor> params() {
            return List.of(w);
        }

        @Override
        public List<Tensor> grads() {
            return List.of(dw);
        }
    }

    @Test
    void everyEpochVisitsEverySampleOnceInAFreshOrderAndLeavesTheRestOut() {
        int[] ids = new int[23];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Recorder model = new Recorder();
        Trainer<IntTensor> trainer = Trainer.forIds(model, new SGD(0.1), new Rng(5)).output(QUIET);
        trainer.fit(new IntTensor(ids, 23), new IntTensor(ids.clone(), 23), 2, 5, 0, 100);
        assertEquals(8, model.batches.size());   // 23 / 5 = 4 batches per epoch, 3 samples left out
        List<int[]> orders = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            boolean[] seen = new boolean[23];
            int[] order = new int[20];
            for (int b = 0; b < 4; b++) {
                int[] batch = model.batches.get(e * 4 + b);
                assertEquals(5, batch.length);
                for (int k = 0; k < 5; k++) {
                    assertTrue(!seen[batch[k]], "sample " + batch[k] + " twice in epoch " + (e + 1));
                    seen[batch[k]] = true;
                    order[b * 5 + k] = batch[k];
                }
            }
            orders.add(order);
        }
        assertTrue(!java.util.Arrays.equals(orders.get(0), orders.get(1)), "each epoch is shuffled anew");
        assertEquals(-0.8, model.w.data[0], 1e-12);   // 8 SGD steps of 0.1 on a gradient of 1
    }

    @Test
    void callbackAndMetricsSeeEveryEpoch(@TempDir Path tmp) throws Exception {
        Rng rng = new Rng(2);
        IntTensor t = IntTensor.zeros(40);
        Tensor x = points(rng, 40, t);
        Path file = tmp.resolve("curve.csv");
        List<String> calls = new ArrayList<>();
        Trainer<Tensor> trainer = Trainer.forTensor(new Linear(2, 2, rng), new SGD(0.5), rng).output(QUIET);
        try (MetricsCsv csv = MetricsCsv.create(file, "epoch", "iter", "loss")) {
            trainer.metrics(csv).onEpochEnd((epoch, meanLoss) -> calls.add(epoch + ":" + (meanLoss > 0)));
            trainer.fit(x, t, 3, 20, 0, 1);
        }
        assertEquals(List.of("1:true", "2:true", "3:true"), calls);
        List<String> lines = Files.readAllLines(file);
        assertEquals(7, lines.size());
        assertEquals("epoch,iter,loss", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,1,"), lines.get(1));
        assertTrue(lines.get(6).startsWith("3,2,"), lines.get(6));

        Path png = tmp.resolve("loss.png");
        trainer.plot(png);
        assertEquals(800, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void metricsNeedTheTrainersColumns(@TempDir Path tmp) {
        Trainer<Tensor> trainer = Trainer.forTensor(new Linear(2, 2, new Rng(1)), new SGD(), new Rng(1));
        try (MetricsCsv csv = MetricsCsv.create(tmp.resolve("m.csv"), "epoch", "loss")) {
            assertThrows(IllegalArgumentException.class, () -> trainer.metrics(csv));
        }
    }

    @Test
    void stopsAtTheFirstNonFiniteLossKeepingTheLastGoodParameters() {
        int[] ids = {0, 1, 2, 3, 4, 5};
        Recorder model = new Recorder() {
            @Override
            public double forward(IntTensor x, IntTensor t) {
                super.forward(x, t);
                return batches.size() == 5 ? Double.NaN : 1;
            }
        };
        Trainer<IntTensor> trainer = Trainer.forIds(model, new SGD(1), new Rng(1)).output(QUIET);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(new IntTensor(ids, 6), new IntTensor(ids.clone(), 6), 3, 2, 0, 1));
        assertEquals(2, e.epoch());
        assertEquals(2, e.iteration());
        assertEquals("training diverged at epoch 2, iteration 2: the loss is NaN; try a smaller learning rate or "
                + "gradient clipping", e.getMessage());
        assertEquals("training diverged at epoch 2, iteration 2: the loss is NaN; the parameters are saved in p.bin; "
                + "try a smaller learning rate or gradient clipping", e.keeping("the parameters are saved in p.bin").getMessage());
        assertEquals(-4, model.w.data[0]);   // four good updates, the fifth not applied
        assertEquals(1, trainer.currentEpoch());
    }

    @Test
    void stopsAtTheFirstNonFiniteGradient() {
        int[] ids = {0, 1, 2, 3};
        Recorder model = new Recorder() {
            @Override
            public void backward() {
                dw.data[0] = batches.size() == 3 ? Double.POSITIVE_INFINITY : 1;
            }
        };
        Trainer<IntTensor> trainer = Trainer.forIds(model, new SGD(1), new Rng(1)).output(QUIET);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(new IntTensor(ids, 4), new IntTensor(ids.clone(), 4), 3, 2, 5, 1));
        assertTrue(e.getMessage().startsWith("training diverged at epoch 2, iteration 1: the gradient norm is Infinity"), e.getMessage());
        assertEquals(-2, model.w.data[0]);
    }

    @Test
    void clipsTheGradients() {
        int[] ids = {0, 1};
        Recorder model = new Recorder() {
            @Override
            public void backward() {
                dw.data[0] = 10;
            }
        };
        Trainer.forIds(model, new SGD(1), new Rng(1)).output(QUIET)
                .fit(new IntTensor(ids, 2), new IntTensor(ids.clone(), 2), 1, 2, 2.5, 1);
        assertEquals(-2.5, model.w.data[0], 1e-6);
    }

    @Test
    void batchLargerThanTheDataIsAUserError() {
        Rng rng = new Rng(1);
        IntTensor t = IntTensor.zeros(10);
        Tensor x = points(rng, 10, t);
        Trainer<Tensor> trainer = Trainer.forTensor(new Linear(2, 2, rng), new SGD(), rng).output(QUIET);
        UserException e = assertThrows(UserException.class, () -> trainer.fit(x, t, 1, 11, 0, 1));
        assertEquals("the batch size 11 is larger than the 10 training samples; use a smaller --batch-size", e.getMessage());
    }
}
