package dl2.common.cli;

/** Counts in printed sentences: {@code 1 epoch}, {@code 25 epochs}. */
public final class Words {
    private Words() {
    }

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1: {@code count(1, "epoch")} is {@code 1 epoch}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
