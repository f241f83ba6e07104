package dl2.ch07;

import dl2.ch06.RnnlmKind;
import dl2.common.cli.Programs;
import picocli.CommandLine.Command;

/**
 * Samples a text from the {@code Rnnlm} trained by {@code ./dl2 train-rnnlm} (book 7.1.2,
 * {@code ch07/generate_text.py}), starting from "you" and never sampling N, {@code <unk>} or $.
 */
@Command(name = "generate-text", sortOptions = false,
        description = "Samples a text from the Rnnlm saved by train-rnnlm (book 7.1.2).")
public final class GenerateText extends TextGenerationProgram {
    public static void main(String[] args) {
        System.exit(Programs.run(new GenerateText(), args));
    }

    @Override
    protected RnnlmKind kind() {
        return RnnlmKind.RNNLM;
    }

    @Override
    public Integer call() {
        Loaded l = load();
        int startId = wordId(l.corpus(), startWord, "--start-word");
        common.stdout().println();
        common.stdout().println(text(l.corpus(), l.generator().generate(startId, l.skipIds(), length)));
        return 0;
    }
}
