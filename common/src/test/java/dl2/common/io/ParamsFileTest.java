package dl2.common.io;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamsFileTest {
    @TempDir
    Path dir;

    private static final Map<String, String> META = meta("wordvec", "100", "hidden", "4");

    private static Map<String, String> meta(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Tensor> model(long seed, int hidden) {
        Rng rng = new Rng(seed);
        return List.of(Tensor.randn(rng, 1, 3, hidden), Tensor.randn(rng, 1, hidden), Tensor.randn(rng, 1, 2, 3, hidden));
    }

    private static UserException loadFails(Path file, String modelId, List<Tensor> into) {
        return assertThrows(UserException.class, () -> ParamsFile.load(file, modelId, into, "./dl2 train-rnnlm"));
    }

    private static void assertMentions(UserException e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "message lacks '" + w + "': " + e.getMessage());
        }
    }

    @Test
    void roundTripKeepsNamesShapesMetaAndExactDoubles() {
        Path file = dir.resolve("model.params");
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embed.W", new Tensor(new double[] {1.0 / 3, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.NEGATIVE_INFINITY}, 2, 3));
        tensors.put("scalar", new Tensor(new double[] {Math.PI}));
        tensors.put("empty", Tensor.zeros(0, 4));
        tensors.put("big", Tensor.randn(new Rng(3), 1, 3, 5000));  // more than one write chunk
        ParamsFile.save(file, "Rnnlm", meta("vocab", "10000", "note", "ünïcödé ✓"), tensors);

        ParamsFile.Contents c = ParamsFile.read(file);
        assertEquals("Rnnlm", c.modelId());
        assertEquals(meta("vocab", "10000", "note", "ünïcödé ✓"), c.meta());
        assertEquals(List.of("embed.W", "scalar", "empty", "big"), List.copyOf(c.tensors().keySet()));
        for (String name : tensors.keySet()) {
            Tensor want = tensors.get(name), got = c.tensors().get(name);
            assertArrayEquals(want.shape, got.shape, name);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(want.data[i]), Double.doubleToRawLongBits(got.data[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void loadCopiesIntoTheModelsTensorsAndReturnsTheMeta() {
        Path file = dir.resolve("sub/dir/Rnnlm.params");  // parent folders are created
        List<Tensor> saved = model(1, 4);
        ParamsFile.save(file, "Rnnlm", META, saved);
        List<Tensor> into = model(2, 4);
        assertEquals(META, ParamsFile.load(file, "Rnnlm", into));
        for (int i = 0; i < saved.size(); i++) {
            assertArrayEquals(saved.get(i).data, into.get(i).data);
        }
    }

    @Test
    void aTiedTensorIsStoredOnceAndRestoredIntoBothPlaces() {
        Rng rng = new Rng(4);
        Tensor w = Tensor.randn(rng, 1, 5, 3), b = Tensor.randn(rng, 1, 5);
        Path file = dir.resolve("tied.params");
        ParamsFile.save(file, "BetterRnnlm", META, List.of(w, b, w));
        assertEquals(List.of("param0", "param1"), List.copyOf(ParamsFile.read(file).tensors().keySet()));

        Tensor w2 = Tensor.zeros(5, 3), b2 = Tensor.zeros(5);
        ParamsFile.load(file, "BetterRnnlm", List.of(w2, b2, w2));
        assertArrayEquals(w.data, w2.data);
        assertArrayEquals(b.data, b2.data);

        UserException e = loadFails(file, "BetterRnnlm", List.of(Tensor.zeros(5, 3), Tensor.zeros(5), Tensor.zeros(5, 3)));
        assertMentions(e, "tied.params", "2 parameter tensors", "3");
    }

    @Test
    void shapeMismatchNamesTheParameterBothShapesAndTheSavedHyperParameters() {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        List<Tensor> into = model(2, 6);
        double[] before = into.get(0).data.clone();
        UserException e = loadFails(file, "Rnnlm", into);
        assertMentions(e, file.toString(), "param0", "(3, 4)", "(3, 6)", "hyper-parameters", "hidden=4", "wordvec=100");
        assertArrayEquals(before, into.get(0).data, "nothing is copied when a check fails");
    }

    @Test
    void aLaterShapeMismatchChangesNothing() {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        Rng rng = new Rng(9);
        List<Tensor> into = List.of(Tensor.randn(rng, 1, 3, 4), Tensor.randn(rng, 1, 4), Tensor.randn(rng, 1, 2, 4, 4));
        double[] before = into.get(0).data.clone();
        UserException e = loadFails(file, "Rnnlm", into);
        assertMentions(e, "param2", "(2, 3, 4)", "(2, 4, 4)");
        assertArrayEquals(before, into.get(0).data);
    }

    @Test
    void countMismatch() {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        UserException e = loadFails(file, "Rnnlm", model(1, 4).subList(0, 2));
        assertMentions(e, "model.params", "3 parameter tensors", "has 2", "hyper-parameters");
    }

    @Test
    void wrongModelId() {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        UserException e = loadFails(file, "BetterRnnlm", model(1, 4));
        assertMentions(e, "model.params", "holds Rnnlm parameters", "not BetterRnnlm parameters");
    }

    @Test
    void notAParametersFile() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is text");
        assertMentions(loadFails(text, "Rnnlm", model(1, 4)), "notes.txt", "not a dl2 parameters file");
        Path empty = dir.resolve("empty.params");
        Files.write(empty, new byte[0]);
        assertMentions(loadFails(empty, "Rnnlm", model(1, 4)), "empty.params", "not a dl2 parameters file");
        assertMentions(loadFails(dir, "Rnnlm", model(1, 4)), "folder");
    }

    @Test
    void missingFileNamesTheCommandThatMakesIt() {
        Path file = dir.resolve("nowhere/Rnnlm.params");
        assertMentions(loadFails(file, "Rnnlm", model(1, 4)), "no parameters file", file.toString(), "run `./dl2 train-rnnlm` first");
        UserException e = assertThrows(UserException.class, () -> ParamsFile.load(file, "Rnnlm", model(1, 4)));
        assertMentions(e, "no parameters file", file.toString(), "check the path");
        UserException r = assertThrows(UserException.class, () -> ParamsFile.read(file, "./dl2 train-attention"));
        assertMentions(r, "no parameters file", file.toString(), "run `./dl2 train-attention` first");
    }

    @Test
    void truncatedFile() throws IOException {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        byte[] whole = Files.readAllBytes(file);
        for (int keep : new int[] {whole.length - 5, whole.length / 2, 6, 12}) {
            Files.write(file, Arrays.copyOf(whole, keep));
            UserException e = loadFails(file, "Rnnlm", model(1, 4));
            assertMentions(e, "model.params", "truncated", "./dl2 train-rnnlm");
        }
    }

    @Test
    void otherFormatVersionAndTrailingBytes() throws IOException {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        byte[] whole = Files.readAllBytes(file);
        byte[] v2 = whole.clone();
        ByteBuffer.wrap(v2).putInt(4, 2);
        Files.write(file, v2);
        assertMentions(loadFails(file, "Rnnlm", model(1, 4)), "model.params", "format version 2", "reads version 1");
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);
        Files.write(file, longer);
        assertMentions(loadFails(file, "Rnnlm", model(1, 4)), "model.params", "damaged");
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("model.params");
        List<Tensor> good = model(1, 4);
        ParamsFile.save(file, "Rnnlm", META, good);
        byte[] goodBytes = Files.readAllBytes(file);

        List<Tensor> newer = model(2, 4);
        Path tmp = ParamsFile.writeTemp(file, "Rnnlm", META, ParamsFile.named(newer));
        // the process dies here, before commit: the target still holds the old, complete parameters
        assertArrayEquals(goodBytes, Files.readAllBytes(file));
        List<Tensor> into = model(3, 4);
        ParamsFile.load(file, "Rnnlm", into);
        assertArrayEquals(good.get(2).data, into.get(2).data);
        assertEquals(file.getParent(), tmp.getParent());
        assertFalse(tmp.equals(file));

        ParamsFile.commit(tmp, file);
        assertFalse(Files.exists(tmp));
        ParamsFile.load(file, "Rnnlm", into);
        assertArrayEquals(newer.get(2).data, into.get(2).data);
    }

    @Test
    void aSavedFileHasThePermissionsOfAnyNewFile() throws IOException {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        byte[] goodBytes = Files.readAllBytes(file);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("hidden", null);  // fails half-way through writing the metadata
        assertThrows(NullPointerException.class, () -> ParamsFile.save(file, "Rnnlm", broken, model(2, 4)));
        assertArrayEquals(goodBytes, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void savingReplacesAnExistingFile() {
        Path file = dir.resolve("model.params");
        ParamsFile.save(file, "Rnnlm", META, model(1, 4));
        ParamsFile.save(file, "Rnnlm", meta("hidden", "6"), model(2, 6));
        assertEquals(meta("hidden", "6"), ParamsFile.load(file, "Rnnlm", model(3, 6)));
    }
}
