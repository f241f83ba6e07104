package dl2.ch08;

import dl2.ch07.Seq2seqEvaluator;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.cli.Programs;
import dl2.common.optimizer.Adam;
import dl2.common.trainer.Trainer;
import dl2.dataset.sequence.DateGenerator;
import dl2.dataset.sequence.Sequence;
import dl2.dataset.sequence.SequenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attention model learns the date task quickly (book 8.3.2), shown on a small scale: 3 000 generated
 * dates (2 700 to train, 300 to test), 64 hidden units, batches of 8, Adam with lr 0.01, input reversed.
 * Measured with this seed: 9.0 % after epoch 1, 99.3 % after epoch 2. With seeds 2, 3, 4 and 1984 the same
 * settings passed 95 % after 3, 3, 4 and 3 epochs, so the test trains until 95 % or 4 epochs (chance is
 * about 0).
 */
class AttentionLearningTest {
    @TempDir
    Path dir;

    @Test
    void reachesHighAccuracyOnAFewThousandDatesInACoupleOfEpochs() {
        long seed = 1;
        SequenceData dates = Sequence.fromLines("generated", DateGenerator.generate(seed, 3000), seed);
        IntTensor xTrain = SequenceData.reversed(dates.xTrain());
        IntTensor xTest = SequenceData.reversed(dates.xTest());
        Rng rng = new Rng(seed);
        AttentionSeq2seq model = new AttentionSeq2seq(dates.vocabSize(), 16, 64, rng);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        Trainer<IntTensor> trainer = Trainer.forIds(model, new Adam(0.01), rng).output(quiet);
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(dates.idToChar(), true, Seq2seqEvaluator.Marks.PLAIN, quiet, 0, 100);
        List<Double> accuracies = new ArrayList<>();
        double accuracy = 0;
        for (int epoch = 1; epoch <= 4 && accuracy < 0.95; epoch++) {
            trainer.fit(xTrain, dates.tTrain(), 1, 8, 5.0, 1000);
            accuracy = evaluator.evaluate(model, xTest, dates.tTest()).accuracy();
            accuracies.add(accuracy);
        }
        assertTrue(accuracy >= 0.95, "accuracy per epoch " + accuracies);

        // The trained model converts a date typed by the user, through the convert-date program.
        Path params = dir.resolve("params.bin");
        new DateModel(model, dates.idToChar(), dates.questionWidth(), dates.answerWidth(), 16, 64, 1, false, true,
                "builtin", seed).save(params, Map.of());
        StringWriter out = new StringWriter();
        int code = Programs.run(new ConvertDate(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "september 27, 1994", "--params", params.toString(), "--out", dir.resolve("convert").toString());
        assertEquals(0, code);
        assertEquals("1994-09-27", out.toString().lines().findFirst().orElseThrow());
    }
}
