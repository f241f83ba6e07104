package dl2.common;

/**
 * A stateful language model over word ids (the book's Rnnlm family): trained with truncated BPTT by
 * {@link dl2.common.trainer.RnnlmTrainer}, its hidden state carried from one batch to the next until
 * {@link #resetState()}.
 */
public interface LanguageModel extends Model<IntTensor> {
    /** Forgets the hidden state carried between calls (book {@code reset_state}). */
    void resetState();
}
