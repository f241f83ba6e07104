package dl2.common.io;

import dl2.common.Tensor;
import dl2.common.UserException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Saved parameters of a model (the book's {@code BaseModel.save_params} / {@code load_params}), in a small
 * binary format of our own that records the model and its hyper-parameters, so that loading into a model of
 * another shape fails with a clear sentence instead of a crash.
 *
 * <h2>Format, version 1</h2>
 * Big-endian throughout (Java's {@code DataOutputStream}); a <i>string</i> is an {@code int32} byte count
 * followed by that many UTF-8 bytes.
 * <ol>
 *   <li>magic: the 4 ASCII bytes {@code DL2P};</li>
 *   <li>format version: {@code int32}, currently 1;</li>
 *   <li>model id: string, e.g. {@code Rnnlm};</li>
 *   <li>metadata: {@code int32} count, then count pairs of strings (key, value), e.g. hyper-parameters
 *       and the vocabulary size;</li>
 *   <li>tensors: {@code int32} count, then for each: name (string), {@code int32} ndim, ndim {@code int32}
 *       dimensions, then the elements as IEEE-754 {@code float64}, row-major;</li>
 *   <li>nothing after the last tensor.</li>
 * </ol>
 * A model's parameter list is stored by {@link #named(List)}: every distinct tensor once, named
 * {@code param<i>} after its first position {@code i} in the list, so a tied weight (the same tensor
 * object appearing twice) is stored once and restored into both places.
 *
 * <p>Saving is atomic: the file is written to a temporary file in the same folder, forced to disk, and
 * then renamed over the target, so an interrupted save leaves the previous file untouched.
 */
public final class ParamsFile {
    /** The first four bytes of every parameters file. */
    static final byte[] MAGIC = {'D', 'L', '2', 'P'};
    /** The format version written by this class and the only one it reads. */
    public static final int VERSION = 1;

    private static final int MAX_NDIM = 8;
    private static final int CHUNK = 1 << 13;  // doubles per buffered read or write

    private ParamsFile() {
    }

    /** What a parameters file holds. */
    public record Contents(String modelId, Map<String, String> meta, LinkedHashMap<String, Tensor> tensors) {
    }

    /** Saves named tensors with the model id and metadata (atomically, creating missing folders). */
    public static void save(Path file, String modelId, Map<String, String> meta, LinkedHashMap<String, Tensor> tensors) {
        commit(writeTemp(file, modelId, meta, tensors), file);
    }

    /** Saves a model's parameter list, each distinct tensor once under the names of {@link #named(List)}. */
    public static void save(Path file, String modelId, Map<String, String> meta, List<Tensor> params) {
        save(file, modelId, meta, named(params));
    }

    /** Each distinct tensor of {@code params} (by object identity) under the name {@code param<i>} of its first position {@code i}. */
    public static LinkedHashMap<String, Tensor> named(List<Tensor> params) {
        LinkedHashMap<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (named.values().stream().noneMatch(q -> q == p)) {
                named.put("param" + i, p);
            }
        }
        return named;
    }

    /** Reads a whole parameters file, checking that it exists, is one, of this format version, and complete. */
    public static Contents read(Path file) {
        return read(file, null);
    }

    /** {@link #load(Path, String, List, String)} for a file no program of this project makes. */
    public static Map<String, String> load(Path file, String expectedModelId, List<Tensor> into) {
        return load(file, expectedModelId, into, null);
    }

    /**
     * Copies the saved parameters into the tensors of {@code into} (a model's parameter list, as given to
     * {@link #save(Path, String, Map, List)}) after checking that the file exists and is complete, was saved
     * from a model {@code expectedModelId}, and holds tensors of exactly these names and shapes; nothing is
     * changed when a check fails.
     *
     * @param makeCommand the command that makes the file, e.g. {@code ./dl2 train-rnnlm}, named when the file
     *                    is missing or truncated (null when there is none)
     * @return the file's metadata
     * @throws UserException naming the file and what is wrong with it
     */
    public static Map<String, String> load(Path file, String expectedModelId, List<Tensor> into, String makeCommand) {
        Contents c = read(file, makeCommand);
        checkModelId(file, c, expectedModelId);
        checkParams(file, c.tensors(), into, c.meta());
        copyParams(c.tensors(), into);
        return c.meta();
    }

    // ---- checks shared with Checkpoint ----

    static void checkModelId(Path file, Contents c, String expectedModelId) {
        if (!c.modelId().equals(expectedModelId)) {
            throw new UserException(file + " holds " + c.modelId() + " parameters, not " + expectedModelId + " parameters");
        }
    }

    /** Checks that {@code saved} has exactly the names and shapes of {@link #named(List) named(into)}. */
    static void checkParams(Path file, Map<String, Tensor> saved, List<Tensor> into, Map<String, String> savedWith) {
        LinkedHashMap<String, Tensor> wanted = named(into);
        String other = "; it was saved with other hyper-parameters" + describe(savedWith);
        if (saved.size() != wanted.size()) {
            throw new UserException(file + " holds " + saved.size() + " parameter tensors but this model has "
                    + wanted.size() + other);
        }
        for (Map.Entry<String, Tensor> w : wanted.entrySet()) {
            Tensor s = saved.get(w.getKey());
            if (s == null) {
                throw new UserException(file + " has no parameter " + w.getKey() + ", which this model needs" + other);
            }
            if (!s.sameShape(w.getValue())) {
                throw new UserException(file + ": parameter " + w.getKey() + " has shape " + s.shapeString()
                        + " but this model needs " + w.getValue().shapeString() + other);
            }
        }
    }

    /** Copies the values of {@code saved} into {@link #named(List) named(into)}, once {@link #checkParams} passed. */
    static void copyParams(Map<String, Tensor> saved, List<Tensor> into) {
        named(into).forEach((name, t) -> t.set(saved.get(name)));
    }

    private static String describe(Map<String, String> meta) {
        if (meta.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", " (", ")");
        meta.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    // ---- writing: two steps, so that a test can stop between them as a crash would ----

    /** Writes the whole file to a new temporary file beside {@code file}, forced to disk, and returns its path. */
    static Path writeTemp(Path file, String modelId, Map<String, String> meta, Map<String, Tensor> tensors) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = newTempFile(dir, file.getFileName().toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16))) {
                write(out, modelId, meta, tensors);
                out.flush();
                ch.force(true);
            }
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UserException("could not write " + file + " (" + e.getMessage() + "); check that its folder is writable", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * A new empty file {@code <name>.<random>.tmp} in {@code dir}, with the permissions of any new file (a file of
     * {@code Files.createTempFile} would be readable by its owner only, and so would the parameters once renamed).
     */
    private static Path newTempFile(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve(name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // another save chose the same name: draw again
            }
        }
    }

    /** Renames the complete temporary file over {@code file}, atomically where the file system allows it. */
    static void commit(Path tmp, Path file) {
        try {
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UserException("could not write " + file + " (" + e.getMessage() + "); check that its folder is writable", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the temporary file is left behind; the target is untouched either way
        }
    }

    private static void write(DataOutputStream out, String modelId, Map<String, String> meta, Map<String, Tensor> tensors)
            throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        writeString(out, modelId);
        out.writeInt(meta.size());
        for (Map.Entry<String, String> e : meta.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.writeInt(tensors.size());
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * Double.BYTES);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            writeString(out, e.getKey());
            out.writeInt(t.ndim());
            for (int d : t.shape) {
                out.writeInt(d);
            }
            for (int from = 0; from < t.size(); from += CHUNK) {
                int n = Math.min(CHUNK, t.size() - from);
                buf.clear();
                buf.asDoubleBuffer().put(t.data, from, n);
                out.write(buf.array(), 0, n * Double.BYTES);
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    // ---- reading ----

    /**
     * {@link #read(Path)}, naming {@code makeCommand} (e.g. {@code ./dl2 train-rnnlm}; null when there is none)
     * when the file is missing or truncated.
     */
    public static Contents read(Path file, String makeCommand) {
        String remake = makeCommand == null ? "save it again" : "make it again with `" + makeCommand + "`";
        if (!Files.exists(file)) {
            throw new UserException("no parameters file at " + file + "; "
                    + (makeCommand == null ? "check the path" : "run `" + makeCommand + "` first to make it"));
        }
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a folder, not a dl2 parameters file; give the path of the file itself");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            long fileSize = Files.size(file);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UserException(file + " is not a dl2 parameters file (it does not start with DL2P)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UserException(file + " is a dl2 parameters file of format version " + version
                        + " but this program reads version " + VERSION + "; " + remake);
            }
            String modelId = readString(in, file, fileSize, remake);
            int metaCount = readCount(in, file, fileSize, "metadata entries", remake);
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < metaCount; i++) {
                String key = readString(in, file, fileSize, remake);
                meta.put(key, readString(in, file, fileSize, remake));
            }
            int count = readCount(in, file, fileSize, "tensors", remake);
            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = readString(in, file, fileSize, remake);
                tensors.put(name, readTensor(in, file, fileSize, name, remake));
            }
            if (in.read() != -1) {
                throw damaged(file, "there are bytes after its last tensor", remake);
            }
            return new Contents(modelId, meta, tensors);
        } catch (EOFException e) {
            throw new UserException(file + " is truncated (was the save interrupted?); " + remake, e);
        } catch (IOException e) {
            throw new UserException("could not read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static Tensor readTensor(DataInputStream in, Path file, long fileSize, String name, String remake) throws IOException {
        int ndim = in.readInt();
        if (ndim < 0 || ndim > MAX_NDIM) {
            throw damaged(file, "tensor " + name + " claims " + ndim + " dimensions", remake);
        }
        int[] shape = new int[ndim];
        long size = 1;
        for (int d = 0; d < ndim; d++) {
            shape[d] = in.readInt();
            size *= Math.max(shape[d], 0);
            if (shape[d] < 0 || size * Double.BYTES > fileSize) {
                throw new UserException(file + " is truncated or damaged (tensor " + name + " claims shape "
                        + Arrays.toString(Arrays.copyOf(shape, d + 1)) + ", more than the whole file holds); " + remake);
            }
        }
        Tensor t = Tensor.zeros(shape);
        byte[] bytes = new byte[CHUNK * Double.BYTES];
        for (int from = 0; from < t.size(); from += CHUNK) {
            int n = Math.min(CHUNK, t.size() - from);
            in.readFully(bytes, 0, n * Double.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Double.BYTES).asDoubleBuffer().get(t.data, from, n);
        }
        return t;
    }

    private static int readCount(DataInputStream in, Path file, long fileSize, String what, String remake) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > fileSize) {
            throw damaged(file, "it claims " + n + " " + what, remake);
        }
        return n;
    }

    private static String readString(DataInputStream in, Path file, long fileSize, String remake) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > fileSize) {
            throw damaged(file, "it claims a text of " + n + " bytes", remake);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static UserException damaged(Path file, String what, String remake) {
        return new UserException(file + " is damaged (" + what + "); " + remake);
    }
}
