package dl2.dataset.ptb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.dataset.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtbTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private void writeAll() throws IOException {
        write("ptb.train.txt", " a b c \n b c d \n");
        write("ptb.valid.txt", " c a \n");
        write("ptb.test.txt", " d d b \n");
    }

    @Test
    void trainIdsFollowFirstAppearanceWithEosAfterEachLine() throws IOException {
        writeAll();
        Corpus train = Ptb.load(dir, "train");
        assertEquals(List.of("a", "b", "c", "<eos>", "d"), train.idToWord());
        assertArrayEquals(new int[] {0, 1, 2, 3, 1, 2, 4, 3}, train.ids());
        assertEquals(5, train.vocabSize());
        assertEquals(4, train.wordToId().get("d"));
        assertEquals("a b c <eos>", train.text(0, 4));
        assertTrue(train.source().endsWith("ptb.train.txt"));
    }

    @Test
    void validAndTestUseTheTrainingVocabulary() throws IOException {
        writeAll();
        Corpus valid = Ptb.load(dir, "valid");
        assertArrayEquals(new int[] {2, 0, 3}, valid.ids());
        assertEquals(5, valid.vocabSize());
        assertArrayEquals(valid.ids(), Ptb.load(dir, "val").ids(), "the book's name 'val' works too");
        assertArrayEquals(new int[] {4, 4, 1, 3}, Ptb.load(dir, "test").ids());
    }

    @Test
    void blankLinesBecomeEos() throws IOException {
        write("ptb.train.txt", "a\n\nb\n");
        assertEquals("a <eos> <eos> b <eos>", Ptb.load(dir, "train").text(0, 5));
    }

    @Test
    void headCutsTheVocabularyLikeTheBook() throws IOException {
        writeAll();
        Corpus head = Ptb.load(dir, "train").head(3);
        assertArrayEquals(new int[] {0, 1, 2}, head.ids());
        assertEquals(3, head.vocabSize());
    }

    @Test
    void wordMissingFromTheTrainingVocabularyIsNamed() throws IOException {
        writeAll();
        write("ptb.test.txt", " a b \n c zebra \n");
        DataException e = assertThrows(DataException.class, () -> Ptb.load(dir, "test"));
        assertTrue(e.getMessage().contains("ptb.test.txt line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'zebra'"), e.getMessage());
    }

    @Test
    void missingFolderSaysWhereTheFilesGo() {
        Path missing = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> Ptb.load(missing, "train"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ptb.train.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("--data builtin"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        write("ptb.train.txt", "a b\n");
        DataException e = assertThrows(DataException.class, () -> Ptb.load(dir, "valid"));
        assertTrue(e.getMessage().contains(dir.resolve("ptb.valid.txt").toString()), e.getMessage());
    }

    @Test
    void emptyFileIsAClearError() throws IOException {
        write("ptb.train.txt", "\n  \n");
        DataException e = assertThrows(DataException.class, () -> Ptb.load(dir, "train"));
        assertTrue(e.getMessage().contains("ptb.train.txt has no words"), e.getMessage());
    }

    @Test
    void directoryOrNonTextFileIsAClearError() throws IOException {
        Files.createDirectory(dir.resolve("ptb.train.txt"));
        DataException e = assertThrows(DataException.class, () -> Ptb.load(dir, "train"));
        assertTrue(e.getMessage().contains("ptb.train.txt is a directory"), e.getMessage());

        Path other = Files.createDirectory(dir.resolve("binary"));
        Files.write(other.resolve("ptb.train.txt"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        e = assertThrows(DataException.class, () -> Ptb.load(other, "train"));
        assertTrue(e.getMessage().contains("ptb.train.txt is not UTF-8 text"), e.getMessage());
    }

    @Test
    void unknownSplitIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Ptb.load(dir, "dev"));
    }
}
