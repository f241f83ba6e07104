package dl2.dataset.ptb;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text as word ids with its vocabulary: what the book's {@code ptb.load_data} returns as
 * {@code corpus, word_to_id, id_to_word} (section 2.4.5, used from chapter 5 on; DESIGN.md, "dataset/ptb.py").
 *
 * <p>Word ids are numbered in order of first appearance, so the first {@code n} words of a training text
 * use exactly the ids {@code 0..k-1} for some {@code k}: that is why the book can take
 * {@code vocab_size = max(corpus) + 1} after cutting the corpus (see {@link #head(int)}).
 * The arrays are shared, not copied: treat them as read-only.
 */
public final class Corpus {
    private final String source;
    private final int[] ids;
    private final List<String> idToWord;
    private final Map<String, Integer> wordToId;

    /**
     * @param source   where the text came from, for messages (a file name or "builtin corpus ...")
     * @param ids      the text as word ids, one per word, {@code <eos>} included
     * @param idToWord the vocabulary: word {@code i} has id {@code i}
     */
    public Corpus(String source, int[] ids, List<String> idToWord) {
        this.source = source;
        this.ids = ids;
        this.idToWord = List.copyOf(idToWord);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.idToWord.size(); i++) {
            map.put(this.idToWord.get(i), i);
        }
        this.wordToId = Collections.unmodifiableMap(map);
    }

    /** Where the text came from, e.g. {@code data/ptb/ptb.train.txt}. */
    public String source() {
        return source;
    }

    /** The text as word ids (the book's {@code corpus}). */
    public int[] ids() {
        return ids;
    }

    /** Number of words in the text. */
    public int size() {
        return ids.length;
    }

    /** Word to id (the book's {@code word_to_id}). */
    public Map<String, Integer> wordToId() {
        return wordToId;
    }

    /** Id to word (the book's {@code id_to_word}). */
    public List<String> idToWord() {
        return idToWord;
    }

    /** Number of distinct words: {@code idToWord().size()}. */
    public int vocabSize() {
        return idToWord.size();
    }

    /** The word with id {@code id}. */
    public String word(int id) {
        return idToWord.get(id);
    }

    /** The id of {@code word}, or -1 when the vocabulary does not have it. */
    public int id(String word) {
        return wordToId.getOrDefault(word, -1);
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) joined by spaces, for printing. */
    public String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : " ").append(idToWord.get(ids[i]));
        }
        return sb.toString();
    }

    /**
     * The first {@code n} words, with the vocabulary cut to {@code max(id) + 1} words: the book's
     * {@code corpus[:corpus_size]; vocab_size = int(max(corpus) + 1)} of chapter 5 (1 000 PTB words give 418).
     */
    public Corpus head(int n) {
        if (n < 1 || n > ids.length) {
            throw new IllegalArgumentException("head(" + n + ") of a corpus of " + ids.length + " words");
        }
        int[] first = Arrays.copyOf(ids, n);
        int maxId = Arrays.stream(first).max().orElseThrow();
        return new Corpus(source + " (first " + n + " words)", first, idToWord.subList(0, maxId + 1));
    }

    @Override
    public String toString() {
        return source + ": " + ids.length + " words, vocabulary " + idToWord.size();
    }
}
