package dl2.ch07;

import dl2.common.Rng;

/**
 * Seq2seq with the {@link PeekyDecoder} (book 7.3.4; {@code ch07/peeky_seq2seq.py} {@code PeekySeq2seq}):
 * the same {@link Encoder}, training and greedy decoding as {@link Seq2seq}.
 */
public class PeekySeq2seq extends Seq2seq {
    /** {@link Encoder} then {@link PeekyDecoder}, initialised in that order from {@code rng}. */
    public PeekySeq2seq(int vocabSize, int wordvecSize, int hiddenSize, Rng rng) {
        super(new Encoder(vocabSize, wordvecSize, hiddenSize, rng), new PeekyDecoder(vocabSize, wordvecSize, hiddenSize, rng));
    }
}
