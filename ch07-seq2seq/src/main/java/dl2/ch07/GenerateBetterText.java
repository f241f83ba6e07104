package dl2.ch07;

import dl2.ch06.RnnlmKind;
import dl2.common.cli.Programs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Samples texts from the {@code BetterRnnlm} trained by {@code ./dl2 train-better-rnnlm} (book 7.1.3,
 * {@code ch07/generate_better_text.py}): one from "you", then, after a reset, one that continues
 * "the meaning of life is" (the prompt is read first, then sampling starts from its last word).
 */
@Command(name = "generate-better-text", sortOptions = false,
        description = "Samples texts from the BetterRnnlm saved by train-better-rnnlm (book 7.1.3).")
public final class GenerateBetterText extends TextGenerationProgram {
    @Option(names = "--prompt", paramLabel = "WORDS", defaultValue = "the meaning of life is",
            description = "Words the second text continues; empty for none.")
    private String prompt;

    public static void main(String[] args) {
        System.exit(Programs.run(new GenerateBetterText(), args));
    }

    @Override
    protected RnnlmKind kind() {
        return RnnlmKind.BETTER;
    }

    @Override
    public Integer call() {
        Loaded l = load();
        int startId = wordId(l.corpus(), startWord, "--start-word");
        String[] words = prompt.isBlank() ? new String[0] : prompt.trim().split("\\s+");
        int[] promptIds = Arrays.stream(words).mapToInt(w -> wordId(l.corpus(), w, "--prompt")).toArray();
        PrintWriter out = common.stdout();
        out.println();
        out.println(text(l.corpus(), l.generator().generate(startId, l.skipIds(), length)));
        if (promptIds.length > 0) {
            l.generator().resetState();
            l.generator().prime(Arrays.copyOf(promptIds, promptIds.length - 1));
            int[] sampled = l.generator().generate(promptIds[promptIds.length - 1], l.skipIds(), length);
            int[] all = new int[promptIds.length - 1 + sampled.length];
            System.arraycopy(promptIds, 0, all, 0, promptIds.length - 1);
            System.arraycopy(sampled, 0, all, promptIds.length - 1, sampled.length);
            out.println("-".repeat(50));
            out.println(text(l.corpus(), all));
        }
        return 0;
    }
}
