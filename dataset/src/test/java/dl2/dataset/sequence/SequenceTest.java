package dl2.dataset.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.common.IntTensor;
import dl2.dataset.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceTest {
    @TempDir
    Path dir;

    /** Twenty lines in the book's addition.txt format. */
    private static List<String> additionLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int a = 7 * i + 3;
            int b = 95 - 4 * i;
            lines.add(Sequence.ljust(a + "+" + b, 7) + Sequence.ljust("_" + (a + b), 5));
        }
        return lines;
    }

    private Path writeFile(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheBookFormatAndTheAnswerKeepsItsUnderscore() throws IOException {
        Path file = writeFile("addition.txt", String.join("\n", additionLines()) + "\n");
        SequenceData data = Sequence.load(file, 1984);
        assertEquals(file.toString(), data.source());
        assertArrayEquals(new int[] {18, 7}, data.xTrain().shape, "split_at = 20 - 20 / 10");
        assertArrayEquals(new int[] {18, 5}, data.tTrain().shape);
        assertArrayEquals(new int[] {2, 7}, data.xTest().shape);
        assertArrayEquals(new int[] {2, 5}, data.tTest().shape);
        assertEquals(7, data.questionWidth());
        assertEquals(5, data.answerWidth());
        for (int i = 0; i < 18; i++) {
            String question = data.decode(data.xTrain(), i);
            String answer = data.decode(data.tTrain(), i);
            assertTrue(answer.startsWith("_"), answer);
            String[] ab = question.strip().split("\\+");
            assertEquals(Integer.parseInt(ab[0]) + Integer.parseInt(ab[1]), Integer.parseInt(answer.substring(1).strip()));
        }
    }

    @Test
    void vocabularyFollowsQuestionThenAnswerLineByLine() {
        SequenceData data = Sequence.fromLines("mem", List.of("ab+ _c ", "d+b _ea"), 1);
        assertEquals(List.of('a', 'b', '+', ' ', '_', 'c', 'd', 'e'), data.idToChar());
        assertEquals(4, data.charToId().get('_'));
        assertEquals(8, data.vocabSize());
        assertEquals("d+b ", data.decode(data.encode("d+b ")));
        DataException e = assertThrows(DataException.class, () -> data.encode("x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void onlyTheFirstUnderscoreSplitsALine() {
        SequenceData data = Sequence.fromLines("mem", List.of("q1_a_b", "q2_c_d"), 1);
        assertEquals(2, data.questionWidth());
        assertEquals(4, data.answerWidth());
    }

    @Test
    void shuffleIsDeterministicAndKeepsEveryLine() {
        List<String> lines = additionLines();
        SequenceData a = Sequence.fromLines("mem", lines, 5);
        SequenceData b = Sequence.fromLines("mem", lines, 5);
        SequenceData c = Sequence.fromLines("mem", lines, 6);
        assertArrayEquals(a.xTrain().data, b.xTrain().data);
        assertArrayEquals(a.tTest().data, b.tTest().data);
        assertFalse(Arrays.equals(a.xTrain().data, c.xTrain().data));

        List<String> seen = new ArrayList<>();
        addRows(a, a.xTrain(), a.tTrain(), seen);
        addRows(a, a.xTest(), a.tTest(), seen);
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        seen.sort(null);
        assertEquals(sorted, seen);
    }

    private static void addRows(SequenceData data, IntTensor x, IntTensor t, List<String> out) {
        for (int i = 0; i < x.dim(0); i++) {
            out.add(data.decode(x, i) + data.decode(t, i));
        }
    }

    @Test
    void windowsLineEndingsAndTrailingEmptyLinesAreFine() throws IOException {
        Path file = writeFile("crlf.txt", String.join("\r\n", additionLines()) + "\r\n\r\n");
        SequenceData data = Sequence.load(file, 1);
        assertEquals(18, data.xTrain().dim(0));
        assertEquals(5, data.answerWidth());
    }

    @Test
    void lineWithoutUnderscoreNamesFileAndLine() throws IOException {
        Path file = writeFile("bad.txt", "1+2  _3  \n1+3  _4  \n1+4   5  \n");
        DataException e = assertThrows(DataException.class, () -> Sequence.load(file, 1));
        assertEquals(file + " line 3 (\"1+4   5  \"): no '_' separates question and answer; each line must be question_answer.",
                e.getMessage());
    }

    @Test
    void widthMismatchNamesLineAndWidths() throws IOException {
        Path file = writeFile("bad.txt", "1+2  _3  \n1+3 _4  \n");
        DataException e = assertThrows(DataException.class, () -> Sequence.load(file, 1));
        assertTrue(e.getMessage().startsWith(file + " line 2 "), e.getMessage());
        assertTrue(e.getMessage().contains("question width 4 and answer width 4 differ from line 1's 5 and 4"), e.getMessage());
    }

    @Test
    void emptyQuestionIsAnError() {
        DataException e = assertThrows(DataException.class, () -> Sequence.fromLines("q.txt", List.of("_12"), 1));
        assertTrue(e.getMessage().contains("q.txt line 1"), e.getMessage());
    }

    @Test
    void emptyMissingAndDirectoryAreClearErrors() throws IOException {
        Path empty = writeFile("empty.txt", "");
        DataException e = assertThrows(DataException.class, () -> Sequence.load(empty, 1));
        assertTrue(e.getMessage().startsWith(empty + " is empty"), e.getMessage());

        Path missing = dir.resolve("date.txt");
        e = assertThrows(DataException.class, () -> Sequence.load(missing, 1));
        assertTrue(e.getMessage().startsWith("no file " + missing + ";"), e.getMessage());
        assertTrue(e.getMessage().contains("--data builtin"), e.getMessage());

        e = assertThrows(DataException.class, () -> Sequence.load(dir, 1));
        assertTrue(e.getMessage().startsWith(dir + " is a directory"), e.getMessage());
    }

    @Test
    void writtenGeneratorFileLoadsLikeTheLinesThemselves() {
        List<String> lines = AdditionGenerator.generate(3, 500);
        Path file = dir.resolve("sub/addition.txt");
        Sequence.write(file, lines);
        SequenceData fromFile = Sequence.load(file, 9);
        SequenceData fromLines = Sequence.fromLines("mem", lines, 9);
        assertArrayEquals(fromLines.xTrain().data, fromFile.xTrain().data);
        assertArrayEquals(fromLines.tTest().data, fromFile.tTest().data);
        assertEquals(fromLines.idToChar(), fromFile.idToChar());
        assertEquals(List.of("addition.txt"), List.of(file.getParent().toFile().list()), "no temporary file left");
    }
}
