package dl2.common.io;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.optimizer.Adam;
import dl2.common.optimizer.Optimizer;
import dl2.common.optimizer.SGD;
import dl2.common.util.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    /** A stand-in model: W is tied (it appears twice, with a gradient for each appearance), b is not. */
    static final class Model {
        final Tensor W;
        final Tensor b;
        final List<Tensor> params;

        Model(long seed) {
            Rng rng = new Rng(seed);
            W = Tensor.randn(rng, 1, 4, 3);
            b = Tensor.randn(rng, 1, 3);
            params = List.of(W, b, W);
        }

        /** One training step whose gradients come from {@code rng}, so that the random state matters. */
        void step(Rng rng, Optimizer opt) {
            List<Tensor> grads = new ArrayList<>();
            for (Tensor p : params) {
                grads.add(Tensor.randn(rng, 1, p.shape));
            }
            Util.ParamsGrads pg = Util.removeDuplicate(params, grads);
            opt.update(pg.params(), pg.grads());
        }
    }

    @Test
    void resumingGivesExactlyTheNumbersOfAnUninterruptedRun() {
        Path file = dir.resolve("ckpt/run.ckpt");
        Model run = new Model(1);
        Rng rng = new Rng(42);
        Adam adam = new Adam(0.01);
        for (int i = 0; i < 3; i++) {
            run.step(rng, adam);
        }
        rng.randn();  // an odd number of normal draws: the generator holds a spare value, which must survive
        adam.setLearningRate(0.005);
        Checkpoint.save(file, "Toy", 3, 17, run.params, adam, rng, Map.of("hidden", "3"));
        for (int i = 0; i < 2; i++) {
            run.step(rng, adam);
        }
        double nextDraw = rng.randn();
        long nextLong = rng.nextLong();

        Model resumed = new Model(99);
        Rng rng2 = new Rng(7);
        Adam adam2 = new Adam(0.01);
        Checkpoint.State state = Checkpoint.load(file, "Toy", resumed.params, adam2, rng2);
        assertEquals(3, state.epoch());
        assertEquals(17, state.iteration());
        assertEquals(Map.of("hidden", "3"), state.meta());
        assertEquals(0.005, adam2.learningRate());
        for (int i = 0; i < 2; i++) {
            resumed.step(rng2, adam2);
        }
        assertArrayEquals(run.W.data, resumed.W.data);
        assertArrayEquals(run.b.data, resumed.b.data);
        assertEquals(nextDraw, rng2.randn());
        assertEquals(nextLong, rng2.nextLong());
        assertEquals(adam.state().get("iter").data[0], adam2.state().get("iter").data[0]);
    }

    @Test
    void aCheckpointBeforeTheFirstUpdateAndTheEpochOnlyForm() {
        Path file = dir.resolve("start.ckpt");
        Model m = new Model(1);
        SGD sgd = new SGD(20);
        Checkpoint.save(file, "Toy", 0, m.params, sgd, new Rng(5), Map.of());
        SGD sgd2 = new SGD(1);
        Rng rng2 = new Rng(6);
        Checkpoint.State s = Checkpoint.load(file, "Toy", new Model(2).params, sgd2, rng2);
        assertEquals(0, s.epoch());
        assertEquals(0, s.iteration());
        assertEquals(20.0, sgd2.learningRate());
        assertEquals(new Rng(5).nextLong(), rng2.nextLong());
    }

    @Test
    void anotherOptimizerIsRefused() {
        Path file = dir.resolve("run.ckpt");
        Model m = new Model(1);
        Adam adam = new Adam();
        m.step(new Rng(1), adam);
        Checkpoint.save(file, "Toy", 1, m.params, adam, new Rng(1), Map.of());
        Model other = new Model(2);
        double[] before = other.W.data.clone();
        UserException e = assertThrows(UserException.class,
                () -> Checkpoint.load(file, "Toy", other.params, new SGD(), new Rng(1)));
        assertTrue(e.getMessage().contains("run.ckpt") && e.getMessage().contains("Adam") && e.getMessage().contains("SGD"), e.getMessage());
        assertArrayEquals(before, other.W.data);
    }

    @Test
    void otherModelsAndPlainParameterFilesAreRefused() {
        Path file = dir.resolve("run.ckpt");
        Model m = new Model(1);
        Checkpoint.save(file, "Toy", 1, m.params, new SGD(), new Rng(1), Map.of());
        UserException id = assertThrows(UserException.class,
                () -> Checkpoint.load(file, "Rnnlm", m.params, new SGD(), new Rng(1)));
        assertTrue(id.getMessage().contains("holds Toy parameters, not Rnnlm parameters"), id.getMessage());

        Path plain = dir.resolve("Toy.params");
        ParamsFile.save(plain, "Toy", Map.of(), m.params);
        UserException notCkpt = assertThrows(UserException.class,
                () -> Checkpoint.load(plain, "Toy", m.params, new SGD(), new Rng(1)));
        assertTrue(notCkpt.getMessage().contains("not a checkpoint"), notCkpt.getMessage());

        UserException missing = assertThrows(UserException.class,
                () -> Checkpoint.load(dir.resolve("none.ckpt"), "Toy", m.params, new SGD(), new Rng(1)));
        assertTrue(missing.getMessage().contains("none.ckpt"), missing.getMessage());
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        Model m = new Model(1);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir.resolve("x.ckpt"), "Toy", 1, m.params,
                new SGD(), new Rng(1), Map.of("checkpoint.epoch", "5")));
    }

    @Test
    void resumingWithOtherSettingsNamesTheSettingAndBothValues() {
        Path file = dir.resolve("run.ckpt");
        Checkpoint.requireSame(file, "hidden_size", "8", "8");
        UserException other = assertThrows(UserException.class, () -> Checkpoint.requireSame(file, "hidden_size", "8", "4"));
        assertEquals("--resume: " + file + " was made with hidden_size = 4, not 8; resume with the options of that run", other.getMessage());
        UserException none = assertThrows(UserException.class, () -> Checkpoint.requireSame(file, "hidden_size", "8", null));
        assertEquals("--resume: " + file + " does not record its hidden_size; start the training afresh without --resume", none.getMessage());
    }
}
