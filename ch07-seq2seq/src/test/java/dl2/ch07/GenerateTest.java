package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Greedy decoding: deterministic, exactly the requested length, batched = row by row, and consistent with the teacher-forced forward pass. */
class GenerateTest {
    static final int V = 13, D = 5, H = 6, N = 7, TQ = 7;

    static Seq2seq model(boolean peeky) {
        Rng rng = new Rng(peeky ? 2 : 1);
        return peeky ? new PeekySeq2seq(V, D, H, rng) : new Seq2seq(V, D, H, rng);
    }

    static IntTensor questions() {
        return Seq2seqGradientTest.randomIdsOf(new Rng(5), V, N, TQ);
    }

    @Test
    void sameModelSameQuestionsSameGuessesAndRequestedLength() {
        for (boolean peeky : new boolean[] {false, true}) {
            for (int size : new int[] {1, 4, 9}) {
                IntTensor a = model(peeky).generate(questions(), 12, size);
                IntTensor b = model(peeky).generate(questions(), 12, size);
                assertArrayEquals(new int[] {N, size}, a.shape);
                assertArrayEquals(a.data, b.data);
            }
        }
    }

    @Test
    void batchedEqualsRowByRow() {
        for (boolean peeky : new boolean[] {false, true}) {
            Seq2seq model = model(peeky);
            IntTensor xs = questions();
            IntTensor batched = model.generate(xs, 12, 5);
            for (int n = 0; n < N; n++) {
                IntTensor one = model.generate(xs.rows(new int[] {n}), 12, 5);
                assertArrayEquals(Arrays.copyOfRange(batched.data, n * 5, n * 5 + 5), one.data, "row " + n + ", peeky " + peeky);
            }
        }
    }

    /** Feeding the guesses back teacher-forced must give the same argmax at every step: generate keeps the LSTM state right. */
    @Test
    void guessesAreTheArgmaxOfTheTeacherForcedScores() {
        for (boolean peeky : new boolean[] {false, true}) {
            Seq2seq model = model(peeky);
            IntTensor xs = questions();
            int start = 12, size = 6;
            IntTensor guesses = model.generate(xs, start, size);
            int[] inputs = new int[N * size];
            for (int n = 0; n < N; n++) {
                inputs[n * size] = start;
                System.arraycopy(guesses.data, n * size, inputs, n * size + 1, size - 1);
            }
            Tensor h = model.encoder.forward(xs);
            Tensor score = model.decoder.forward(new IntTensor(inputs, N, size), h);   // (N, size, V)
            int[] argmax = Seq2seqDecoder.argmaxRows(score.reshape(N * size, V), N * size, V);
            assertArrayEquals(guesses.data, argmax, "peeky " + peeky);
        }
    }
}
