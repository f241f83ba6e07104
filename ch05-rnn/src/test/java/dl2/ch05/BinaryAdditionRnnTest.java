package dl2.ch05;

import dl2.ch05.BinaryAdditionRnn.Activation;
import dl2.ch05.BinaryAdditionRnn.Init;
import dl2.common.GradientChecker;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryAdditionRnnTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void bpttMatchesNumericalGradients(Activation activation) {
        // H = 3 so that W_h is small and not symmetric in its roles; several pairs so that every bit pattern shows.
        int[][] pairs = {{45, 86}, {127, 127}, {1, 0}, {93, 38}};
        for (int[] p : pairs) {
            BinaryAdditionRnn rnn = new BinaryAdditionRnn(3, activation, Init.XAVIER, new Rng(11 + p[0]));
            rnn.forward(p[0], p[1]);
            rnn.backward();
            GradientChecker.withDefaults()
                    .check(() -> rnn.forward(p[0], p[1]), GradientChecker.paramEntries(rnn))
                    .assertPassed();
        }
    }

    @Test
    void aWrongBackwardFailsTheSameCheck() {
        BinaryAdditionRnn rnn = new BinaryAdditionRnn(3, Activation.TANH, Init.STD, new Rng(5));
        rnn.forward(45, 86);
        rnn.backward();
        var entries = GradientChecker.paramEntries(rnn);
        entries.get(1).analytic().data[4] += 1e-3;  // one element of dW_h off
        assertFalse(GradientChecker.withDefaults().check(() -> rnn.forward(45, 86), entries).passed());
    }

    @Test
    void lossIsHalfTheSquaredErrorOfTheBits() {
        // All weights zero: every h_t is f(0) and every y_t = sigmoid(0) = 0.5, so the loss is 8 · ½ · 0.25.
        BinaryAdditionRnn rnn = new BinaryAdditionRnn(Tensor.zeros(2, 4), Tensor.zeros(4, 4), Tensor.zeros(4, 1), Activation.TANH);
        assertEquals(1.0, rnn.forward(100, 27), 1e-15);
    }

    @Test
    void bitsAreLeastSignificantFirst() {
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 0, 0, 0}, BinaryAdditionRnn.bits(6));
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 1, 1}, BinaryAdditionRnn.bits(254));
        for (int n = 0; n < 256; n++) {
            assertEquals(n, BinaryAdditionRnn.value(BinaryAdditionRnn.bits(n)));
        }
    }

    @Test
    void rejectsNumbersThatDoNotFit() {
        BinaryAdditionRnn rnn = new BinaryAdditionRnn(4, Activation.SIGMOID, Init.STD, new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> rnn.forward(128, 0));
        assertThrows(IllegalArgumentException.class, () -> rnn.forward(0, -1));
    }

    @Test
    void initScalesTheWeights() {
        BinaryAdditionRnn he = new BinaryAdditionRnn(400, Activation.RELU, Init.HE, new Rng(3));
        Tensor Wh = he.params().get(1);
        double sq = 0;
        for (double v : Wh.data) {
            sq += v * v;
        }
        assertEquals(Math.sqrt(2.0 / 400), Math.sqrt(sq / Wh.size()), 0.01 * Math.sqrt(2.0 / 400));
    }

    @Test
    void learnsToAddWithTanh() {
        Rng rng = new Rng(7);
        BinaryAdditionRnn rnn = new BinaryAdditionRnn(16, Activation.TANH, Init.XAVIER, rng);
        double before = rnn.accuracyOverAllPairs();
        for (int i = 0; i < 4000; i++) {
            rnn.trainStep(rng.nextInt(BinaryAdditionRnn.LIMIT), rng.nextInt(BinaryAdditionRnn.LIMIT), 0.1);
        }
        double after = rnn.accuracyOverAllPairs();
        assertTrue(after > 0.9 && before < 0.1, "accuracy over all pairs " + before + " -> " + after);
    }
}
