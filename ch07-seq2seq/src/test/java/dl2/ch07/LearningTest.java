package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.optimizer.Adam;
import dl2.common.trainer.Trainer;
import dl2.dataset.sequence.AdditionGenerator;
import dl2.dataset.sequence.Sequence;
import dl2.dataset.sequence.SequenceData;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reversed input with the peeky decoder learns addition: on 5 000 generated questions (4 500 to train),
 * H = 64, batches of 32, Adam at 0.01 and 8 epochs take about 5 s on an idle 2-core machine. The measured test accuracy after
 * epoch 8 was 34.8 % (0.2 % after epoch 1); the plain model under the same settings reached 5.6 %.
 */
class LearningTest {
    @Test
    void reversedPeekySeq2seqLearnsAddition() {
        SequenceData d = Sequence.fromLines("5000 generated additions", AdditionGenerator.generate(7, 5000), 7);
        Rng rng = new Rng(1);
        Seq2seq model = new PeekySeq2seq(d.vocabSize(), 16, 64, rng);
        IntTensor xTrain = SequenceData.reversed(d.xTrain());
        IntTensor xTest = SequenceData.reversed(d.xTest());
        Trainer<IntTensor> trainer = Trainer.forIds(model, new Adam(0.01), rng).output(new PrintWriter(new StringWriter()));
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(d.idToChar(), true, Seq2seqEvaluator.Marks.PLAIN,
                new PrintWriter(new StringWriter()), 0, 500);

        double first = 0, last = 0;
        for (int epoch = 1; epoch <= 8; epoch++) {
            trainer.fit(xTrain, d.tTrain(), 1, 32, 5.0, 1000);
            double acc = evaluator.evaluate(model, xTest, d.tTest()).accuracy();
            first = epoch == 1 ? acc : first;
            last = acc;
        }
        assertTrue(first < 0.05, "accuracy after epoch 1: " + first);
        assertTrue(last >= 0.25, "accuracy after epoch 8: " + last);
    }
}
