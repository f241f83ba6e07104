package dl2.ch07;

import dl2.common.IntTensor;
import dl2.dataset.sequence.SequenceData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Seq2seqTrainingTest {
    @Test
    void reversedTurnsEveryRowAroundLikeNumpy() {
        IntTensor xs = new IntTensor(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        IntTensor r = SequenceData.reversed(xs);
        assertArrayEquals(new int[] {4, 3, 2, 1, 8, 7, 6, 5}, r.data);
        assertArrayEquals(new int[] {2, 4}, r.shape);
        assertArrayEquals(xs.data, SequenceData.reversed(r).data);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, xs.data, "the input is left as it was");
    }

    @Test
    void epochsAreCounted() {
        assertEquals("1 epoch", Seq2seqTraining.epochs(1));
        assertEquals("25 epochs", Seq2seqTraining.epochs(25));
    }
}
