package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Seq2seqEvaluatorTest {
    static final String CHARS = "0123456789+ _";
    static final List<Character> ID_TO_CHAR = CHARS.chars().mapToObj(c -> (char) c).toList();

    /** A "model" that really adds, except that it answers 999 whenever the first operand is 0. */
    static final class AddingStub implements Seq2seqModel {
        final boolean reversed;
        int calls;

        AddingStub(boolean reversed) {
            this.reversed = reversed;
        }

        @Override
        public IntTensor generate(IntTensor xs, int startId, int sampleSize) {
            calls++;
            int n = xs.dim(0);
            int[] out = new int[n * sampleSize];
            for (int i = 0; i < n; i++) {
                StringBuilder q = new StringBuilder();
                for (int j = 0; j < xs.dim(1); j++) {
                    q.append(CHARS.charAt(xs.get(i, j)));
                }
                if (reversed) {
                    q.reverse();
                }
                String[] ab = q.toString().trim().split("\\+");
                int a = Integer.parseInt(ab[0]), b = Integer.parseInt(ab[1]);
                String answer = pad(a == 0 ? "999" : Integer.toString(a + b), sampleSize);
                for (int s = 0; s < sampleSize; s++) {
                    out[i * sampleSize + s] = CHARS.indexOf(answer.charAt(s));
                }
            }
            return new IntTensor(out, n, sampleSize);
        }

        @Override
        public double forward(IntTensor x, IntTensor t) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void backward() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Tensor> params() {
            return List.of();
        }

        @Override
        public List<Tensor> grads() {
            return List.of();
        }
    }

    static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    static IntTensor encode(List<String> texts, boolean reverse) {
        int width = texts.get(0).length();
        int[] ids = new int[texts.size() * width];
        for (int i = 0; i < texts.size(); i++) {
            String t = reverse ? new StringBuilder(texts.get(i)).reverse().toString() : texts.get(i);
            for (int j = 0; j < width; j++) {
                ids[i * width + j] = CHARS.indexOf(t.charAt(j));
            }
        }
        return new IntTensor(ids, texts.size(), width);
    }

    static final List<String> QUESTIONS = List.of("16+75  ", "0+3    ", "52+607 ", "0+0    ", "999+1  ");
    static final List<String> ANSWERS = List.of("_91  ", "_3   ", "_659 ", "_0   ", "_1000");

    static String run(Seq2seqEvaluator evaluator, Seq2seqModel model, boolean reversed, StringWriter buf, int[] correct) {
        Seq2seqEvaluator.Result r = evaluator.evaluate(model, encode(QUESTIONS, reversed), encode(ANSWERS, false));
        correct[0] = r.correct();
        assertEquals(5, r.total());
        return buf.toString();
    }

    @Test
    void printsTheBookLayoutInPlainModeAndCountsRightAnswers() {
        StringWriter buf = new StringWriter();
        PrintWriter out = new PrintWriter(buf, true);
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(ID_TO_CHAR, false, Seq2seqEvaluator.Marks.PLAIN, out, 3, 2);
        int[] correct = new int[1];
        String text = run(evaluator, new AddingStub(false), false, buf, correct);
        assertEquals(String.join("\n",
                "Q 16+75  ", "T 91  ", "[ok] 91  ", "---",
                "Q 0+3    ", "T 3   ", "[NG] 999 ", "---",
                "Q 52+607 ", "T 659 ", "[ok] 659 ", "---", ""), text.replace(System.lineSeparator(), "\n"));
        assertEquals(3, correct[0]);
    }

    @Test
    void reversedQuestionsArePrintedInReadingOrder() {
        StringWriter buf = new StringWriter();
        PrintWriter out = new PrintWriter(buf, true);
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(ID_TO_CHAR, true, Seq2seqEvaluator.Marks.SYMBOLS, out, 1, 500);
        int[] correct = new int[1];
        String text = run(evaluator, new AddingStub(true), true, buf, correct);
        assertEquals("Q 16+75  \nT 91  \n☑ 91  \n---\n", text.replace(System.lineSeparator(), "\n"));
        assertEquals(3, correct[0]);
    }

    @Test
    void resultDoesNotDependOnTheBatchSize() {
        List<Integer> counts = new ArrayList<>();
        for (int batch : new int[] {1, 2, 3, 500}) {
            AddingStub stub = new AddingStub(false);
            Seq2seqEvaluator evaluator = new Seq2seqEvaluator(ID_TO_CHAR, false, Seq2seqEvaluator.Marks.PLAIN,
                    new PrintWriter(new StringWriter()), 0, batch);
            Seq2seqEvaluator.Result r = evaluator.evaluate(stub, encode(QUESTIONS, false), encode(ANSWERS, false));
            counts.add(r.correct());
            assertEquals((5 + batch - 1) / batch, stub.calls, "batches of " + batch);
            assertEquals(0.6, r.accuracy(), 1e-12);
        }
        assertEquals(List.of(3, 3, 3, 3), counts);
    }

    @Test
    void untrainedModelPrintsTenQuestionsInTheLayout() {
        Rng rng = new Rng(3);
        List<String> qs = new ArrayList<>(), as = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int a = rng.nextInt(1000), b = rng.nextInt(1000);
            qs.add(pad(a + "+" + b, 7));
            as.add(pad("_" + (a + b), 5));
        }
        StringWriter buf = new StringWriter();
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(ID_TO_CHAR, true, Seq2seqEvaluator.Marks.PLAIN, new PrintWriter(buf, true));
        Seq2seqEvaluator.Result r = evaluator.evaluate(new PeekySeq2seq(13, 4, 5, rng), encode(qs, true), encode(as, false));
        String[] lines = buf.toString().split("\\R");
        assertEquals(40, lines.length);
        for (int i = 0; i < 10; i++) {
            assertEquals("Q " + qs.get(i), lines[4 * i]);
            assertEquals("T " + as.get(i).substring(1), lines[4 * i + 1]);
            assertTrue(lines[4 * i + 2].matches("\\[(ok|NG)] [0-9+ _]{4}"), lines[4 * i + 2]);
            assertEquals("---", lines[4 * i + 3]);
        }
        assertEquals(40, r.total());
        assertEquals(List.of(40, 4), List.of(r.guesses().dim(0), r.guesses().dim(1)));
    }
}
