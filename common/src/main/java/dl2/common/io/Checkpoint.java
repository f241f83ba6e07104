package dl2.common.io;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.optimizer.Optimizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's saved state, so that it can stop and resume with exactly the numbers an uninterrupted run
 * would produce: the model's parameters, the optimizer's buffers and learning rate, the random generator's
 * state, and where training stood (epoch, iteration). Not in the book, which only saves parameters.
 *
 * <p>It is a {@link ParamsFile} with the model's id: the parameters under the names of
 * {@link ParamsFile#named(List)}, each optimizer buffer as {@code opt.<key>} (for example {@code opt.m.0}), and
 * in the metadata, beside the caller's own entries, {@code checkpoint.epoch}, {@code checkpoint.iteration},
 * {@code checkpoint.optimizer} (class name), {@code checkpoint.lr} and {@code checkpoint.rng} (the three
 * numbers of {@link Rng#state()} in decimal, so exactly).
 */
public final class Checkpoint {
    private static final String RESERVED = "checkpoint.";
    private static final String EPOCH = RESERVED + "epoch";
    private static final String ITERATION = RESERVED + "iteration";
    private static final String OPTIMIZER = RESERVED + "optimizer";
    private static final String LR = RESERVED + "lr";
    private static final String RNG = RESERVED + "rng";
    private static final String OPT = "opt.";

    private Checkpoint() {
    }

    /** Where training stood when the checkpoint was saved, and the caller's own metadata. */
    public record State(int epoch, int iteration, Map<String, String> meta) {
    }

    /** {@link #save(Path, String, int, int, List, Optimizer, Rng, Map)} at iteration 0 of {@code epoch}. */
    public static void save(Path file, String modelId, int epoch, List<Tensor> params, Optimizer opt, Rng rng,
                            Map<String, String> meta) {
        save(file, modelId, epoch, 0, params, opt, rng, meta);
    }

    /**
     * Saves a checkpoint (atomically, like {@link ParamsFile}).
     *
     * @param params the model's own parameter list (a tied tensor may appear in it twice; it is stored once)
     * @param meta   the caller's metadata, e.g. hyper-parameters; keys must not start with {@code checkpoint.}
     */
    public static void save(Path file, String modelId, int epoch, int iteration, List<Tensor> params, Optimizer opt,
                            Rng rng, Map<String, String> meta) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().startsWith(RESERVED)) {
                throw new IllegalArgumentException("metadata key " + e.getKey() + " is reserved for the checkpoint itself");
            }
            all.put(e.getKey(), e.getValue());
        }
        long[] r = rng.state();
        all.put(EPOCH, Integer.toString(epoch));
        all.put(ITERATION, Integer.toString(iteration));
        all.put(OPTIMIZER, opt.getClass().getSimpleName());
        all.put(LR, Double.toString(opt.learningRate()));
        all.put(RNG, r[0] + "," + r[1] + "," + r[2]);
        LinkedHashMap<String, Tensor> tensors = ParamsFile.named(params);
        opt.state().forEach((k, v) -> tensors.put(OPT + k, v));
        ParamsFile.save(file, modelId, all, tensors);
    }

    /** What {@code --resume} says when there is no {@code checkpoint} to continue from. */
    public static UserException noCheckpointToResume(Path checkpoint) {
        return new UserException("--resume: there is no checkpoint " + checkpoint + "; start the training without --resume"
                + " (or give the --out folder of the run to continue)");
    }

    /**
     * Refuses to resume from {@code checkpoint} when the setting {@code key} it records ({@code saved}, null when it
     * records none) is not this run's {@code value}: the continued run would not be the same run.
     *
     * @throws UserException naming the file, the setting and both values
     */
    public static void requireSame(Path checkpoint, String key, String value, String saved) {
        if (saved == null) {
            throw new UserException("--resume: " + checkpoint + " does not record its " + key + "; start the training afresh without --resume");
        }
        if (!value.equals(saved)) {
            throw new UserException("--resume: " + checkpoint + " was made with " + key + " = " + saved
                    + ", not " + value + "; resume with the options of that run");
        }
    }

    /** True when {@code contents} is a checkpoint saved by {@link #save}, not a plain parameters file. */
    public static boolean isCheckpoint(ParamsFile.Contents contents) {
        return contents.meta().containsKey(EPOCH);
    }

    /**
     * Restores a checkpoint into the model's parameters, the optimizer and the random generator, after checking
     * that it is a checkpoint of a {@code modelId} model with these parameter shapes and this kind of optimizer;
     * nothing is changed when a check fails.
     *
     * @throws UserException naming the file and what is wrong with it
     */
    public static State load(Path file, String modelId, List<Tensor> params, Optimizer opt, Rng rng) {
        if (!Files.exists(file)) {
            throw new UserException("no checkpoint file at " + file + "; check the path, or start the training afresh");
        }
        ParamsFile.Contents c = ParamsFile.read(file);
        Map<String, String> meta = new LinkedHashMap<>();
        c.meta().forEach((k, v) -> {
            if (!k.startsWith(RESERVED)) {
                meta.put(k, v);
            }
        });
        if (!isCheckpoint(c)) {
            throw new UserException(file + " is a parameters file, not a checkpoint; give the checkpoint a training run saved");
        }
        ParamsFile.checkModelId(file, c, modelId);
        String savedOpt = c.meta().get(OPTIMIZER);
        if (!opt.getClass().getSimpleName().equals(savedOpt)) {
            throw new UserException(file + " was saved with the " + savedOpt + " optimizer, not with "
                    + opt.getClass().getSimpleName() + "; resume with the optimizer it was saved with");
        }
        int epoch;
        int iteration;
        double lr;
        long[] rngState = new long[3];
        try {
            epoch = Integer.parseInt(c.meta().get(EPOCH));
            iteration = Integer.parseInt(c.meta().get(ITERATION));
            lr = Double.parseDouble(c.meta().get(LR));
            String[] r = c.meta().get(RNG).split(",");
            if (r.length != 3) {
                throw new NumberFormatException("random state " + c.meta().get(RNG));
            }
            for (int i = 0; i < 3; i++) {
                rngState[i] = Long.parseLong(r[i]);
            }
        } catch (NumberFormatException | NullPointerException e) {
            throw new UserException(file + " is damaged (its epoch, iteration, learning rate or random state is unreadable); start the training afresh", e);
        }
        Map<String, Tensor> saved = new LinkedHashMap<>();
        Map<String, Tensor> optState = new HashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith(OPT)) {
                optState.put(k.substring(OPT.length()), v);
            } else {
                saved.put(k, v);
            }
        });
        ParamsFile.checkParams(file, saved, params, meta);
        try {
            opt.loadState(optState);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + " is damaged (" + e.getMessage() + "); start the training afresh", e);
        }
        ParamsFile.copyParams(saved, params);
        opt.setLearningRate(lr);
        rng.restore(rngState);
        return new State(epoch, iteration, meta);
    }
}
