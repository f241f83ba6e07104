package dl2.ch07;

import dl2.ch06.BetterRnnlm;
import dl2.common.Rng;

/**
 * Text generation with the better language model of 6.5 (book 7.1.3, {@code ch07/rnnlm_gen.py}
 * {@code BetterRnnlmGen}): the same sampling as {@link RnnlmGen}, over two LSTM layers with dropout
 * switched off and tied weights.
 */
public class BetterRnnlmGen extends RnnlmGen {
    /** Generates with a chapter-6 {@link BetterRnnlm}, drawing the words from {@code rng}. */
    public BetterRnnlmGen(BetterRnnlm model, Rng rng) {
        super(model, rng);
    }
}
