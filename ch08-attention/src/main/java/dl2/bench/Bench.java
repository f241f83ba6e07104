package dl2.bench;

import dl2.ch06.Rnnlm;
import dl2.ch07.PeekySeq2seq;
import dl2.ch07.Seq2seqEvaluator;
import dl2.ch08.AttentionSeq2seq;
import dl2.common.IntTensor;
import dl2.common.Kernels;
import dl2.common.Model;
import dl2.common.Rng;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.Adam;
import dl2.common.optimizer.Optimizer;
import dl2.common.optimizer.SGD;
import dl2.common.trainer.TrainingStep;
import dl2.dataset.sequence.SequenceData;
import dl2.dataset.sequence.SequenceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./dl2 bench}: times the work that dominates training, with the book's sizes, and reports milliseconds
 * (median over repeated runs after a warm-up) and GFLOP/s against the machine's measured peak:
 * <ul>
 *   <li>the LSTM-sized products of chapter 8 (batch 128, hidden 256): {@code h · Wh}, {@code hᵀ · dA}, {@code dA · Whᵀ},
 *   each timed in runs of 50, with {@code Wh} and {@code Whᵀ} packed once beforehand as {@code TimeLSTM} packs them once
 *   per sequence ({@code dA} changes at every step, so {@code hᵀ · dA} packs it in every call);</li>
 *   <li>one training step (forward, backward, clipping, Adam) of the attention seq2seq on dates (wordvec 16, hidden 256,
 *       batch 128, 29 → 11 characters, vocabulary 59), keeping the LSTM gates as the book does, then computing them
 *       again in backward as {@code train-attention} does by default (the FLOPs counted are the book's in both);</li>
 *   <li>one training step (forward, backward, clipping, Adam) of chapter 7's peeky seq2seq on addition (vocabulary 13,
 *       wordvec 16, hidden 128, batch 128, 7 → 5 characters), whose small products make the threads' meetings count;</li>
 *   <li>one training step (forward, backward, clipping, SGD) of Rnnlm (batch 20, 35 steps, wordvec = hidden = 100,
 *       vocabulary 10 000);</li>
 *   <li>greedy decoding of 5 000 date questions in batches (the evaluation after each epoch).</li>
 * </ul>
 * The FLOP counts are those of the matrix products (2 per multiply-add); element-wise work is not counted.
 * Each figure is a row of {@code bench.csv} in {@code --out}.
 */
@Command(name = "bench", description = "Times the book-sized products, training steps and evaluation: ms and GFLOP/s.")
public final class Bench implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "7", description = "Timed runs of each item (after warm-up runs); the median is reported.")
    private int reps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed runs of each item first, so that the JIT has compiled the code: at least N, and "
                    + "when N > 0 as many more as fit in the first " + WARMUP_SECONDS + " seconds.")
    private int warmup;

    /** The least warm-up time of an item (unless --warmup 0): an item measured alone needs more runs than 3 before the JIT has compiled the LSTM kernels. */
    static final double WARMUP_SECONDS = 2.0;

    /** The groups of measurements, in the order they run. */
    enum Item { peak, products, attention, seq2seq, rnnlm, eval }

    @Option(names = "--only", paramLabel = "ITEM", split = ",",
            description = "Measure only these (comma-separated): ${COMPLETION-CANDIDATES}; default all.")
    private java.util.Set<Item> only;

    private PrintWriter out;
    private MetricsCsv csv;
    private double peak;

    public static void main(String[] args) {
        System.exit(Programs.run(new Bench(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--reps", reps);
        Check.nonNegative("--warmup", warmup);
        out = common.stdout();
        out.printf(Locale.ROOT, "kernels: %s, %d thread(s); median of %d runs after %s%n",
                Kernels.VECTOR ? "Vector API" : "plain Java", Kernels.threads(), reps,
                warmup == 0 ? "no warm-up" : "at least " + warmup + " warm-up runs and " + WARMUP_SECONDS + " s");
        out.printf(Locale.ROOT, "%-44s %10s %10s %8s%n", "item", "ms", "GFLOP/s", "of peak");
        try (MetricsCsv metrics = MetricsCsv.create(common.outDir().resolve("bench.csv"), "item", "ms", "gflops", "threads", "vector")) {
            csv = metrics;
            if (wanted(Item.peak)) {
                measurePeak();
            }
            if (wanted(Item.products)) {
                products();
            }
            if (wanted(Item.attention)) {
                attentionStep();
            }
            if (wanted(Item.seq2seq)) {
                seq2seqStep();
            }
            if (wanted(Item.rnnlm)) {
                rnnlmStep();
            }
            if (wanted(Item.eval)) {
                evaluation();
            }
        }
        out.println("bench.csv is in " + common.outDir());
        return 0;
    }

    private boolean wanted(Item item) {
        return only == null || only.contains(item);
    }

    /** The machine's double-precision peak: independent fused multiply-adds on registers, on every thread. */
    private void measurePeak() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            out.println("peak: not measured (it needs the JDK's Vector API: run without DL2_VECTOR=0)");
            return;
        }
        double flops = PeakLoop.FLOPS_PER_CALL * Kernels.threads();
        double ms = median(() -> PeakLoop.runOnAllThreads(Kernels.threads()));
        peak = flops / (ms * 1e6);
        report("peak (FMA loop on registers)", ms, flops);
    }

    private static final int PRODUCTS_PER_RUN = 50;

    private void products() {
        int N = 128, H = 256, G = 4 * H;
        Rng rng = new Rng(common.seed());
        double[] h = rng.randn(N * H, 1), Wh = rng.randn(H * G, 1), dA = rng.randn(N * G, 1);
        double[] gates = new double[N * G], dWh = new double[H * G], dh = new double[N * H];
        double flops = 2.0 * N * H * G;
        Kernels.Packed packedWh = Kernels.pack(Wh, H, G, null);               // once per sequence, as TimeLSTM does
        Kernels.Packed packedWhT = Kernels.packTransposed(Wh, H, G, null);
        report("h · Wh       (128x256 · 256x1024)", perProduct(() -> Kernels.matmul(h, packedWh, gates, N)), flops);
        report("hᵀ · dA      (256x128 · 128x1024)", perProduct(() -> Kernels.matmulAtB(h, dA, dWh, N, H, G)), flops);
        report("dA · Whᵀ     (128x1024 · 1024x256)", perProduct(() -> Kernels.matmul(dA, packedWhT, dh, N)), flops);
    }

    /** Products timed in runs of {@value #PRODUCTS_PER_RUN}, so that a run is long enough to time well: ms per product. */
    private double perProduct(Runnable product) {
        return median(() -> {
            for (int i = 0; i < PRODUCTS_PER_RUN; i++) {
                product.run();
            }
        }) / PRODUCTS_PER_RUN;
    }

    private void attentionStep() {
        int V = 59, D = 16, H = 256, N = 128, Tq = 29, Ta = 11;
        Rng rng = new Rng(common.seed());
        AttentionSeq2seq model = new AttentionSeq2seq(V, D, H, rng);
        IntTensor xs = randomIds(rng, V, N, Tq);
        IntTensor ts = randomIds(rng, V, N, Ta);
        // LSTM steps: encoder Tq, decoder Ta - 1; each 2·N·(D + H)·4H forward and twice that backward.
        double lstm = 3.0 * 2 * N * (D + H) * 4.0 * H * (Tq + Ta - 1);
        // Attention per decoder step: scores and weighted sum, N·Tq·H each; the affine on [context, h]: N·2H·V.
        double rest = 3.0 * 2 * (Ta - 1) * ((double) N * Tq * H * 2 + (double) N * 2 * H * V);
        Adam adam = new Adam();
        report("attention seq2seq step (book sizes)", median(() -> trainStep(model, adam, xs, ts, 5.0)), lstm + rest);
        model.setRecomputeGates(true);    // train-attention's default; the FLOPs counted stay the book's
        report("  the same, gates computed again", median(() -> trainStep(model, adam, xs, ts, 5.0)), lstm + rest);
    }

    private void seq2seqStep() {
        int V = 13, D = 16, H = 128, N = 128, Tq = 7, Ta = 5;
        Rng rng = new Rng(common.seed());
        PeekySeq2seq model = new PeekySeq2seq(V, D, H, rng);
        IntTensor xs = randomIds(rng, V, N, Tq);
        IntTensor ts = randomIds(rng, V, N, Ta);
        // LSTM steps: encoder Tq with input D, decoder Ta - 1 with input [embedding, encoder state] D + H.
        double lstm = 3.0 * 2 * N * 4.0 * H * ((D + H) * Tq + (D + 2.0 * H) * (Ta - 1));
        double affine = 3.0 * 2 * N * (Ta - 1) * 2.0 * H * V;     // the output layer on [h, encoder state]
        Adam adam = new Adam();
        report("peeky seq2seq step (chapter 7 sizes)", median(() -> trainStep(model, adam, xs, ts, 5.0)), lstm + affine);
    }

    private void rnnlmStep() {
        int V = 10_000, D = 100, H = 100, N = 20, T = 35;
        Rng rng = new Rng(common.seed());
        Rnnlm model = new Rnnlm(V, D, H, rng);
        IntTensor xs = randomIds(rng, V, N, T);
        IntTensor ts = randomIds(rng, V, N, T);
        double lstm = 3.0 * 2 * N * T * (D + H) * 4.0 * H;
        double affine = 3.0 * 2 * N * T * (double) H * V;
        SGD sgd = new SGD(20);
        report("Rnnlm step (book sizes, vocabulary 10 000)", median(() -> trainStep(model, sgd, xs, ts, 0.25)), lstm + affine);
    }

    private void evaluation() {
        SequenceData data = SequenceSource.resolve(null, "date", common.seed());
        AttentionSeq2seq model = new AttentionSeq2seq(data.vocabSize(), 16, 256, new Rng(common.seed()));
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(data.idToChar(), true, Seq2seqEvaluator.Marks.forStandardOutput(),
                new PrintWriter(PrintWriter.nullWriter()), 0, Seq2seqEvaluator.DEFAULT_BATCH);
        IntTensor xTest = SequenceData.reversed(data.xTest());
        IntTensor tTest = data.tTest();
        int N = xTest.dim(0), Tq = xTest.dim(1), Ta = tTest.dim(1), H = 256, D = 16, V = data.vocabSize();
        double flops = 2.0 * N * ((D + H) * 4.0 * H * (Tq + Ta - 1) + (Ta - 1) * ((double) Tq * H * 2 + 2.0 * H * V));
        report("evaluate 5 000 dates (batched greedy)", median(() -> evaluator.evaluate(model, xTest, tTest)), flops);
    }

    private static <X> void trainStep(Model<X> model, Optimizer optimizer, X xs, IntTensor ts, double maxGrad) {
        TrainingStep.run(model, optimizer, xs, ts, maxGrad, Double.MAX_VALUE, 1, 1);
    }

    private static IntTensor randomIds(Rng rng, int vocab, int n, int t) {
        int[] ids = new int[n * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(vocab);
        }
        return new IntTensor(ids, n, t);
    }

    private double median(Runnable work) {
        long start = System.nanoTime();
        for (int i = 0; i < warmup || warmup > 0 && System.nanoTime() - start < WARMUP_SECONDS * 1e9; i++) {
            work.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    private void report(String item, double ms, double flops) {
        double gflops = flops / (ms * 1e6);
        String ofPeak = peak > 0 ? String.format(Locale.ROOT, "%7.0f%%", 100 * gflops / peak) : "";
        out.printf(Locale.ROOT, "%-44s %10.2f %10.1f %8s%n", item, ms, gflops, ofPeak);
        out.flush();
        csv.row(item, ms, gflops, Kernels.threads(), Kernels.VECTOR ? 1 : 0);
    }
}
