package dl2.ch08;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.io.Checkpoint;
import dl2.common.io.ParamsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained {@link AttentionSeq2seq} with everything needed to use it again: the parameters file that
 * {@code train-attention} writes (the book's {@code model.save_params()}, book 8.3.2) and that
 * {@code visualize-attention} and {@code convert-date} read. Besides the weights it records the character
 * vocabulary, the question and answer widths, the model's sizes, whether questions were fed reversed, and
 * the data and seed it was trained on (so the same test questions can be drawn again).
 *
 * @param data    the {@code --data} value of the training run ({@code builtin} for generated dates)
 * @param seed    the {@code --seed} of the training run, which also shuffled the data
 */
public record DateModel(AttentionSeq2seq model, List<Character> idToChar, int questionWidth, int answerWidth,
                        int wordvecSize, int hiddenSize, int layers, boolean bidirectional, boolean reverse,
                        String data, long seed) {
    /** The model id inside the file. */
    public static final String MODEL_ID = "AttentionSeq2seq";
    /** The file name inside {@code train-attention}'s output folder. */
    public static final String FILE_NAME = "params.bin";
    /** The command that makes the file. */
    public static final String MAKE_COMMAND = "./dl2 train-attention";
    /** The separator the decoder starts from (book 7.2.3). */
    public static final char START = '_';

    /** Where {@code train-attention} saves by default: {@code out/train-attention/params.bin}. */
    public static Path defaultPath() {
        return Path.of("out", "train-attention", FILE_NAME);
    }

    /** The id of each character. */
    public Map<Character, Integer> charToId() {
        Map<Character, Integer> m = new HashMap<>();
        for (int i = 0; i < idToChar.size(); i++) {
            m.put(idToChar.get(i), i);
        }
        return m;
    }

    /** The id of {@link #START}, the decoder's first input. */
    public int startId() {
        Integer id = charToId().get(START);
        if (id == null) {
            throw new IllegalStateException("the vocabulary has no " + START);
        }
        return id;
    }

    /** Characters the decoder writes after {@code _}: 10 for {@code YYYY-MM-DD}. */
    public int sampleSize() {
        return answerWidth - 1;
    }

    /**
     * A question typed by the user as the model reads it: padded with spaces to {@link #questionWidth()},
     * then reversed when the model was trained on reversed questions; shape {@code (1, questionWidth)}.
     *
     * @throws UserException naming the first unknown character, or the length when the question is too long
     */
    public IntTensor encodeQuestion(String question) {
        if (question.length() > questionWidth) {
            throw new UserException("\"" + question + "\" has " + question.length() + " characters but the model reads at most "
                    + questionWidth + "; shorten it, e.g. write the month with three letters");
        }
        Map<Character, Integer> ids = charToId();
        String padded = question + " ".repeat(questionWidth - question.length());
        int[] x = new int[questionWidth];
        for (int i = 0; i < questionWidth; i++) {
            Integer id = ids.get(padded.charAt(i));
            if (id == null) {
                throw new UserException("the character '" + padded.charAt(i) + "' (position " + (i + 1) + " of \"" + question
                        + "\") is not one the model knows; use only the " + idToChar.size() + " characters of the date data: "
                        + vocabularyText());
            }
            x[reverse ? questionWidth - 1 - i : i] = id;
        }
        return new IntTensor(x, 1, questionWidth);
    }

    /** The characters of {@code ids} from column {@code from} on, in the order given. */
    public String decode(IntTensor ids, int row, int from) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < ids.dim(1); j++) {
            sb.append(idToChar.get(ids.get(row, j)));
        }
        return sb.toString();
    }

    /** The vocabulary sorted, spaces shown as {@code ␣}. */
    private String vocabularyText() {
        return idToChar.stream().sorted().map(c -> c == ' ' ? "␣" : String.valueOf(c)).reduce("", String::concat);
    }

    /** Saves the model's parameters and these settings, plus {@code extra} metadata (e.g. the final accuracy). */
    public void save(Path file, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        StringBuilder vocab = new StringBuilder();
        idToChar.forEach(vocab::append);
        meta.put("vocab", vocab.toString());
        meta.put("question_width", Integer.toString(questionWidth));
        meta.put("answer_width", Integer.toString(answerWidth));
        meta.put("wordvec_size", Integer.toString(wordvecSize));
        meta.put("hidden_size", Integer.toString(hiddenSize));
        meta.put("layers", Integer.toString(layers));
        meta.put("bidirectional", Boolean.toString(bidirectional));
        meta.put("reverse", Boolean.toString(reverse));
        meta.put("data", data);
        meta.put("seed", Long.toString(seed));
        meta.putAll(extra);
        ParamsFile.save(file, MODEL_ID, meta, model.params());
    }

    /**
     * Reads a file saved by {@link #save}: builds a model of the recorded sizes and loads the weights.
     *
     * @throws UserException when the file is missing (naming {@value #MAKE_COMMAND}), damaged, not of this model, or
     *                       {@code train-attention}'s checkpoint instead of its parameters
     */
    public static DateModel load(Path file) {
        if (!Files.exists(file)) {
            throw new UserException("no trained model at " + file + "; run `" + MAKE_COMMAND + "` first to make it"
                    + " (or give another file with --params)");
        }
        ParamsFile.Contents contents = ParamsFile.read(file, MAKE_COMMAND);
        if (!contents.modelId().equals(MODEL_ID)) {
            throw new UserException(file + " holds " + contents.modelId() + " parameters, not " + MODEL_ID
                    + " parameters; give the " + FILE_NAME + " that `" + MAKE_COMMAND + "` saves");
        }
        if (Checkpoint.isCheckpoint(contents)) {
            throw new UserException(file + " is a training checkpoint, not a parameters file; give the " + FILE_NAME
                    + " that `" + MAKE_COMMAND + "` saves beside it after every epoch");
        }
        Map<String, String> meta = contents.meta();
        try {
            String vocab = required(meta, "vocab", file);
            List<Character> idToChar = new ArrayList<>();
            for (char c : vocab.toCharArray()) {
                idToChar.add(c);
            }
            int wordvec = Integer.parseInt(required(meta, "wordvec_size", file));
            int hidden = Integer.parseInt(required(meta, "hidden_size", file));
            int layers = Integer.parseInt(required(meta, "layers", file));
            boolean bidirectional = Boolean.parseBoolean(required(meta, "bidirectional", file));
            AttentionSeq2seq model = new AttentionSeq2seq(idToChar.size(), wordvec, hidden, layers, bidirectional, new Rng(0));
            ParamsFile.load(file, MODEL_ID, model.params(), MAKE_COMMAND);
            return new DateModel(model, idToChar, Integer.parseInt(required(meta, "question_width", file)),
                    Integer.parseInt(required(meta, "answer_width", file)), wordvec, hidden, layers, bidirectional,
                    Boolean.parseBoolean(required(meta, "reverse", file)), required(meta, "data", file),
                    Long.parseLong(required(meta, "seed", file)));
        } catch (NumberFormatException e) {
            throw new UserException(file + " has an unreadable setting (" + e.getMessage() + "); make it again with `"
                    + MAKE_COMMAND + "`", e);
        }
    }

    private static String required(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new UserException(file + " was not saved by train-attention (it has no " + key + " setting); make it with `"
                    + MAKE_COMMAND + "`");
        }
        return v;
    }
}
