package dl2.ch06;

import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.io.Checkpoint;
import dl2.common.io.ParamsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two language models of chapter 6, by the names their programs and parameter files use: the model
 * id stored in the file, the command that trains it, and where that command saves the parameters
 * (the path chapter 7's text generation reads).
 */
public enum RnnlmKind {
    /** {@link Rnnlm}, trained by {@code ./dl2 train-rnnlm}, saved as {@code out/train-rnnlm/Rnnlm.params}. */
    RNNLM("Rnnlm", "train-rnnlm"),
    /** {@link BetterRnnlm}, trained by {@code ./dl2 train-better-rnnlm}, saved as {@code out/train-better-rnnlm/BetterRnnlm.params}. */
    BETTER("BetterRnnlm", "train-better-rnnlm");

    private final String modelId;
    private final String trainProgram;

    RnnlmKind(String modelId, String trainProgram) {
        this.modelId = modelId;
        this.trainProgram = trainProgram;
    }

    /** The model id in the parameters file: {@code Rnnlm} or {@code BetterRnnlm}. */
    public String modelId() {
        return modelId;
    }

    /** The program that trains this model, e.g. {@code train-rnnlm}. */
    public String trainProgram() {
        return trainProgram;
    }

    /** The file name of the saved parameters: {@code Rnnlm.params} or {@code BetterRnnlm.params}. */
    public String paramsFileName() {
        return modelId + ".params";
    }

    /** Where the training program saves the parameters by default: {@code out/<program>/<Model>.params}. */
    public Path defaultParams() {
        return Path.of("out", trainProgram, paramsFileName());
    }

    /**
     * Builds the model described by a parameters file and loads its parameters into it (a BetterRnnlm gets the
     * book's dropout ratio, which only matters if it is trained further).
     *
     * @throws UserException when the file is missing (naming the command that makes it), is not a parameters
     *                       file, holds another model, or does not fit the sizes it records
     */
    public RnnlmModel load(Path file) {
        String makeCommand = "./dl2 " + trainProgram;
        if (!Files.exists(file)) {
            throw new UserException("no parameters file at " + file + "; run `" + makeCommand + "` first to make it");
        }
        ParamsFile.Contents contents = ParamsFile.read(file, makeCommand);
        if (!contents.modelId().equals(modelId)) {
            throw new UserException(file + " holds " + contents.modelId() + " parameters, not "
                    + modelId + " parameters" + forOtherModel(contents.modelId()));
        }
        if (Checkpoint.isCheckpoint(contents)) {
            throw new UserException(file + " is a training checkpoint, not a parameters file; give the " + paramsFileName()
                    + " that `" + makeCommand + "` saves beside it");
        }
        Map<String, String> meta = contents.meta();
        int V = size(file, meta, RnnlmModel.VOCAB_SIZE);
        int D = size(file, meta, RnnlmModel.WORDVEC_SIZE);
        int H = size(file, meta, RnnlmModel.HIDDEN_SIZE);
        RnnlmModel model = switch (this) {
            case RNNLM -> new Rnnlm(V, D, H, new Rng(0));
            case BETTER -> new BetterRnnlm(V, D, H, BetterRnnlm.DROPOUT, new Rng(0));
        };
        ParamsFile.load(file, modelId, model.params(), makeCommand);
        return model;
    }

    /** Which program makes the parameters of the other chapter 6 model, when the file holds those. */
    private static String forOtherModel(String savedId) {
        for (RnnlmKind k : values()) {
            if (k.modelId.equals(savedId)) {
                return " (" + k.modelId + " parameters come from `./dl2 " + k.trainProgram + "`)";
            }
        }
        return "";
    }

    private int size(Path file, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null || !v.matches("[1-9][0-9]{0,8}")) {
            throw new UserException(file + " does not record a valid " + key + " (found " + v
                    + "); make it again with `./dl2 " + trainProgram + "`");
        }
        return Integer.parseInt(v);
    }
}
