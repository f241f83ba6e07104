package dl2.common;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of {@link Kernels}: a product split over the cores hands one piece to each helper and
 * computes the first piece itself. An LSTM step makes a product every few hundred microseconds, so a helper
 * that has just finished spins for a moment before it sleeps: waking a sleeping thread costs tens of
 * microseconds each time, which a general-purpose pool would pay on every product.
 */
final class Workers {
    /** How long an idle helper keeps checking for work before it sleeps. */
    private static final long SPIN_NANOS = 200_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Helper[] helpers = new Helper[0];

    private Workers() {
    }

    /**
     * Runs {@code pieces[0]} on the calling thread and the others on helpers, and returns when all are done.
     * A call made while another is running (or from a helper) runs every piece on its own thread instead.
     */
    static void run(Runnable[] pieces) {
        if (!BUSY.compareAndSet(false, true)) {
            for (Runnable piece : pieces) {
                piece.run();
            }
            return;
        }
        try {
            Helper[] h = helpers(pieces.length - 1);
            for (int i = 1; i < pieces.length; i++) {
                h[i - 1].start(pieces[i]);
            }
            pieces[0].run();
            for (int i = 1; i < pieces.length; i++) {
                h[i - 1].await();
            }
        } finally {
            BUSY.set(false);
        }
    }

    private static Helper[] helpers(int n) {
        if (helpers.length < n) {
            Helper[] more = java.util.Arrays.copyOf(helpers, n);
            for (int i = helpers.length; i < n; i++) {
                more[i] = new Helper(i + 1);
                more[i].start();
            }
            helpers = more;
        }
        return helpers;
    }

    private static final class Helper extends Thread {
        private volatile Runnable task;
        private volatile Throwable failure;

        Helper(int number) {
            super("dl2-kernels-" + number);
            setDaemon(true);
        }

        void start(Runnable piece) {
            failure = null;
            task = piece;
            LockSupport.unpark(this);
        }

        /** Waits for the piece to finish and rethrows what it threw. */
        void await() {
            long start = System.nanoTime();
            while (task != null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable f = failure;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable piece = next();
                try {
                    piece.run();
                } catch (Throwable e) {
                    failure = e;
                }
                task = null;
            }
        }

        private Runnable next() {
            long start = System.nanoTime();
            Runnable piece;
            while ((piece = task) == null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return piece;
        }
    }
}
