package dl2.reliability;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.io.ParamsFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashSafetyTest} kills: saves two different sets of parameters over one file, in turn,
 * until it is killed; prints {@code saved} once the first save is complete.
 */
final class SaveLoop {
    /** Elements per tensor: a file of about 2 MB, so that a kill often lands in the middle of writing one. */
    static final int SIZE = 128 * 1024;

    private SaveLoop() {
    }

    /** The parameters saved as {@code version} ("a" or "b"). */
    static List<Tensor> params(String version) {
        Rng rng = new Rng(version.equals("a") ? 1 : 2);
        return List.of(Tensor.randn(rng, 1, SIZE), Tensor.randn(rng, 1, SIZE));
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Map<String, List<Tensor>> versions = Map.of("a", params("a"), "b", params("b"));
        for (long i = 0; ; i++) {
            String version = i % 2 == 0 ? "a" : "b";
            ParamsFile.save(file, "SaveLoop", Map.of("version", version), versions.get(version));
            if (i == 0) {
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
