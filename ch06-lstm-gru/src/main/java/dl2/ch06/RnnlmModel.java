package dl2.ch06;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.Tensor;
import dl2.common.io.ParamsFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the chapter 6 language models ({@link Rnnlm}, {@link BetterRnnlm}) offer beyond training: the scores
 * for text generation (book 7.1, {@code RnnlmGen.generate} calls {@code predict}), the switch between
 * training and evaluation (dropout, book 6.5.2), and saving their parameters (the book's
 * {@code BaseModel.save_params}) together with the sizes needed to build the model again
 * ({@link RnnlmKind#load}).
 */
public interface RnnlmModel extends LanguageModel {
    /** Metadata key of the vocabulary size V. */
    String VOCAB_SIZE = "vocab_size";
    /** Metadata key of the word vector size D. */
    String WORDVEC_SIZE = "wordvec_size";
    /** Metadata key of the hidden size H. */
    String HIDDEN_SIZE = "hidden_size";

    /**
     * The scores {@code (N, T, V)} of the next word at every position of {@code xs (N, T)}, before softmax
     * (book {@code predict}); the hidden state carries on from the previous call, as in training.
     */
    Tensor predict(IntTensor xs);

    /** Training mode applies dropout (the default); evaluation mode does not (book {@code train_flg}). */
    void setTraining(boolean training);

    /** Which of the two models this is. */
    RnnlmKind kind();

    /** The sizes the model was built with ({@link #VOCAB_SIZE}, …), as saved in its parameters file. */
    Map<String, String> sizes();

    /**
     * Saves the parameters with the model id of {@link #kind()} and, as metadata, {@link #sizes()} followed by
     * {@code extraMeta} (e.g. where the training text came from).
     */
    default void saveParams(Path file, Map<String, String> extraMeta) {
        Map<String, String> meta = new LinkedHashMap<>(sizes());
        meta.putAll(extraMeta);
        ParamsFile.save(file, kind().modelId(), meta, params());
    }
}
