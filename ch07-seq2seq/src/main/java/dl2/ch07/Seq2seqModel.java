package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Model;

/**
 * What every sequence-to-sequence model of chapters 7 and 8 offers: training through
 * {@link Model#forward}/{@link Model#backward} on (questions, answers), and greedy decoding
 * (book 7.2.3–7.2.4, {@code Seq2seq.generate}).
 *
 * <p>Implemented by {@link Seq2seq}, {@link PeekySeq2seq} and chapter 8's attention model;
 * {@link Seq2seqEvaluator} measures any of them.
 */
public interface Seq2seqModel extends Model<IntTensor> {
    /**
     * Greedy decoding of a batch: encodes {@code xs} (N, T), feeds {@code startId} to the decoder, then
     * each step's most likely character back in.
     *
     * @param xs         questions as character ids, (N, T)
     * @param startId    the decoder's first input (the {@code _} separator)
     * @param sampleSize how many characters to produce
     * @return the guesses, (N, sampleSize); row {@code n} is what {@code generate} gives for row {@code n} alone
     */
    IntTensor generate(IntTensor xs, int startId, int sampleSize);
}
