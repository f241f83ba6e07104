package dl2.dataset.ptb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinCorpusTest {
    private static final int TRAIN_WORDS = 30_000;

    @Test
    void sameSeedGivesTheSameCorpusAnotherSeedAnother() {
        Corpus a = BuiltinCorpus.load(7, "train", TRAIN_WORDS);
        Corpus b = BuiltinCorpus.load(7, "train", TRAIN_WORDS);
        Corpus c = BuiltinCorpus.load(8, "train", TRAIN_WORDS);
        assertArrayEquals(a.ids(), b.ids());
        assertEquals(a.idToWord(), b.idToWord());
        assertFalse(Arrays.equals(a.ids(), c.ids()));
    }

    @Test
    void splitsHaveTheirSizesAndShareOneVocabulary() {
        Corpus train = BuiltinCorpus.load(1, "train", TRAIN_WORDS);
        Corpus valid = BuiltinCorpus.load(1, "valid", TRAIN_WORDS);
        Corpus test = BuiltinCorpus.load(1, "test", TRAIN_WORDS);
        assertEquals(TRAIN_WORDS, train.size());
        assertEquals(BuiltinCorpus.HELD_OUT_WORDS, valid.size());
        assertEquals(BuiltinCorpus.HELD_OUT_WORDS, test.size());
        assertEquals(train.idToWord(), valid.idToWord());
        assertEquals(train.idToWord(), test.idToWord());
        assertFalse(Arrays.equals(valid.ids(), test.ids()));
        for (String word : List.of("<eos>", "N", "<unk>", "the", "stocks", "said")) {
            assertTrue(train.id(word) >= 0, word);
        }
        assertTrue(train.vocabSize() > 300 && train.vocabSize() < 500, "a few hundred words: " + train.vocabSize());
    }

    @Test
    void defaultSizeAndIdsByFirstAppearance() {
        Corpus train = BuiltinCorpus.load(BuiltinCorpus.DEFAULT_SEED, "train");
        assertEquals(BuiltinCorpus.DEFAULT_TRAIN_WORDS, train.size());
        int next = 0;
        for (int id : train.ids()) {
            assertTrue(id <= next, "a new word takes the next id");
            next = Math.max(next, id + 1);
        }
        assertTrue(train.source().contains("seed 1984"), train.source());
    }

    @Test
    void sentencesEndWithEosAndAgreeInNumber() {
        List<String> words = BuiltinCorpus.generate(3, 20_000);
        assertEquals(20_000, words.size());
        int sentences = (int) words.stream().filter("<eos>"::equals).count();
        assertTrue(sentences > 1_000 && sentences < 4_000, "sentences of a few words: " + sentences);
        Set<String> bigrams = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            bigrams.add(words.get(i - 1) + " " + words.get(i));
        }
        assertTrue(bigrams.contains("the stock") && bigrams.contains("the stocks"));
        assertTrue(bigrams.contains("these stocks") && bigrams.contains("a stock"));
        for (String wrong : List.of("these stock", "many team", "a stocks", "every teams", "this laws", "<eos> <eos>")) {
            assertFalse(bigrams.contains(wrong), wrong);
        }
    }

    /** The text has structure to learn: a bigram model fitted on train beats the unigram model by far. */
    @Test
    void bigramModelPerplexityIsFarBelowVocabularySize() {
        Corpus train = BuiltinCorpus.load(5, "train", TRAIN_WORDS);
        Corpus valid = BuiltinCorpus.load(5, "valid", TRAIN_WORDS);
        int v = train.vocabSize();
        int[] counts = new int[v];
        Map<Long, Integer> pairs = new HashMap<>();
        int[] x = train.ids();
        for (int i = 0; i < x.length; i++) {
            counts[x[i]]++;
            if (i > 0) {
                pairs.merge((long) x[i - 1] * v + x[i], 1, Integer::sum);
            }
        }
        double unigram = 0;
        double bigram = 0;
        int[] y = valid.ids();
        for (int i = 1; i < y.length; i++) {
            double pu = (counts[y[i]] + 1.0) / (x.length + v);
            double pb = counts[y[i - 1]] == 0 ? pu : pairs.getOrDefault((long) y[i - 1] * v + y[i], 0) / (double) counts[y[i - 1]];
            unigram -= Math.log(pu);
            bigram -= Math.log(0.9 * pb + 0.1 * pu);
        }
        double unigramPpl = Math.exp(unigram / (y.length - 1));
        double bigramPpl = Math.exp(bigram / (y.length - 1));
        assertTrue(unigramPpl < v / 2.0, "unigram perplexity " + unigramPpl);
        assertTrue(bigramPpl < v / 10.0, "bigram perplexity " + bigramPpl + " for a vocabulary of " + v);
    }
}
