package dl2.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkersTest {

    @Test
    void everyPieceRunsOnceAndIsVisibleToTheCaller() {
        for (int round = 0; round < 2000; round++) {
            int[] out = new int[3];
            int r = round;
            Workers.run(new Runnable[] {() -> out[0] = r, () -> out[1] = r + 1, () -> out[2] = r + 2});
            assertArrayEquals(new int[] {round, round + 1, round + 2}, out);
        }
    }

    @Test
    void aFailureOfAHelperReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Workers.run(new Runnable[] {() -> { }, () -> { throw boom; }}));
        assertSame(boom, thrown);
        int[] out = new int[2];
        Workers.run(new Runnable[] {() -> out[0] = 1, () -> out[1] = 2});   // still usable afterwards
        assertArrayEquals(new int[] {1, 2}, out);
    }

    @Test
    void aCallFromInsideAPieceRunsOnItsOwnThread() {
        AtomicInteger inner = new AtomicInteger();
        Workers.run(new Runnable[] {
            () -> Workers.run(new Runnable[] {inner::incrementAndGet, inner::incrementAndGet}),
            inner::incrementAndGet});
        assertEquals(3, inner.get());
    }
}
