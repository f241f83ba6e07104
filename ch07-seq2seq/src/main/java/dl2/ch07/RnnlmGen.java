package dl2.ch07;

import dl2.ch06.Rnnlm;
import dl2.ch06.RnnlmModel;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Text generation with a trained language model (book 7.1.2, {@code ch07/rnnlm_gen.py} {@code RnnlmGen}):
 * starting from one word, the model's scores for the next word go through softmax and the next word is
 * <em>sampled</em> from that distribution (not the most likely one), then fed back in.
 *
 * <p>The model is put in evaluation mode (no dropout) and keeps its hidden state between calls, so
 * {@link #prime} can first read a few words, as the book's {@code generate_better_text.py} does with
 * "the meaning of life is".
 */
public class RnnlmGen {
    protected final RnnlmModel model;
    private final Rng rng;

    /** Generates with a chapter-6 {@link Rnnlm}, drawing the words from {@code rng}. */
    public RnnlmGen(Rnnlm model, Rng rng) {
        this((RnnlmModel) model, rng);
    }

    /** Generates with any chapter-6 language model (the base of {@link BetterRnnlmGen}). */
    protected RnnlmGen(RnnlmModel model, Rng rng) {
        this.model = model;
        this.rng = rng;
        model.setTraining(false);
    }

    /**
     * Samples a text of {@code sampleSize} words that starts with {@code startId}.
     *
     * <p>As in the book, a sampled word in {@code skipIds} (e.g. {@code N}, {@code <unk>}, {@code $}) is
     * dropped and the model is asked again, fed the same previous word while its state moves on.
     *
     * @return the word ids, {@code startId} first, {@code sampleSize} of them
     */
    public int[] generate(int startId, Set<Integer> skipIds, int sampleSize) {
        List<Integer> wordIds = new ArrayList<>(List.of(startId));
        int x = startId;
        while (wordIds.size() < sampleSize) {
            Tensor score = model.predict(new IntTensor(new int[] {x}, 1, 1));   // (1, 1, V)
            double[] p = score.data.clone();
            Kernels.softmaxRows(p, p, 1, p.length);
            int sampled = rng.choice(p);
            if (!skipIds.contains(sampled)) {
                x = sampled;
                wordIds.add(x);
            }
        }
        return wordIds.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Feeds {@code wordIds} to the model one by one without sampling, so that the next {@link #generate} continues them. */
    public void prime(int[] wordIds) {
        for (int id : wordIds) {
            model.predict(new IntTensor(new int[] {id}, 1, 1));
        }
    }

    /** Forgets the hidden state: the next text starts afresh (book {@code model.reset_state()}). */
    public void resetState() {
        model.resetState();
    }
}
