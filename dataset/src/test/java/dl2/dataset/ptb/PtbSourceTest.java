package dl2.dataset.ptb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.dataset.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtbSourceTest {
    @TempDir
    Path dir;

    @Test
    void builtinOptionGivesTheGeneratedCorpus() {
        PtbSource source = PtbSource.resolve("builtin", dir.resolve("absent"));
        assertTrue(source.isBuiltin());
        assertTrue(source.description().startsWith("data: builtin corpus (generated"), source.description());
        assertArrayEquals(BuiltinCorpus.load(BuiltinCorpus.DEFAULT_SEED, "valid").ids(), source.load("valid").ids());
    }

    @Test
    void noOptionAndNoDefaultFolderFallsBackToBuiltinAndSaysWhy() {
        Path absent = dir.resolve("ptb");
        PtbSource source = PtbSource.resolve(null, absent);
        assertTrue(source.isBuiltin());
        assertTrue(source.description().contains("no folder " + absent), source.description());
        assertTrue(PtbSource.resolve("", absent).isBuiltin());
        assertEquals(PtbSource.resolve("builtin", absent).name(), source.name(), "the same data, however it was chosen");
        assertEquals("builtin corpus (generated, seed 1984, 100000 training words)", source.name());
    }

    @Test
    void noOptionUsesTheDefaultFolderWhenItExists() throws IOException {
        Files.writeString(dir.resolve("ptb.train.txt"), "x y\n");
        PtbSource source = PtbSource.resolve(null, dir);
        assertFalse(source.isBuiltin());
        assertEquals("data: Penn Treebank from " + dir, source.description());
        assertEquals("Penn Treebank from " + dir, source.name());
        assertEquals(3, source.load("train").size());
    }

    @Test
    void pathOptionGivesThatFolderAndAMissingOneIsAnError() throws IOException {
        Files.writeString(dir.resolve("ptb.train.txt"), "x y\n");
        assertEquals(3, PtbSource.resolve(dir.toString()).load("train").size());
        DataException e = assertThrows(DataException.class, () -> PtbSource.resolve(dir.resolve("typo").toString()));
        assertTrue(e.getMessage().contains("typo"), e.getMessage());
    }
}
