package dl2.ch06;

import dl2.common.GradientChecker;
import dl2.common.GradientChecker.Entry;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmClassifierTest {

    private static void checkModel(int N, int T, int D, int H, int C, long seed) {
        Rng rng = new Rng(seed);
        LstmClassifier model = new LstmClassifier(D, H, C, rng);
        for (Tensor p : model.params()) {
            if (p.ndim() == 1) {
                for (int i = 0; i < p.size(); i++) {
                    p.data[i] = 0.5 * rng.randn();
                }
            }
        }
        Tensor xs = Tensor.randn(rng, 1.0, N, T, D);
        IntTensor t = IntTensor.zeros(N);
        for (int n = 0; n < N; n++) {
            t.data[n] = rng.nextInt(C);
        }
        model.forward(xs, t);
        model.backward();
        List<Entry> entries = new ArrayList<>(GradientChecker.paramEntries(model));
        GradientChecker.withDefaults().check(() -> model.forward(xs, t), entries).assertPassed();
    }

    @Test
    void modelGradients() {
        checkModel(3, 5, 2, 4, 3, 21);
    }

    @Test
    void modelGradientsOneSampleOneStep() {
        checkModel(1, 1, 3, 4, 5, 22);
    }
}
