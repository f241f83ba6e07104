package dl2.ch06;

import dl2.common.IntTensor;
import dl2.common.Model;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.layers.Affine;
import dl2.common.layers.SoftmaxWithLoss;
import dl2.common.timelayers.TimeLSTM;

import java.util.ArrayList;
import java.util.List;

/**
 * The digits LSTM classifier (the classic exercise beside chapter 6; DESIGN.md, "Digits LSTM classifier"):
 * a sequence {@code xs (N, T, D)} (an 8×8 image read row by row: T = 8, D = 8) goes through a TimeLSTM, its
 * last hidden state {@code h_T (N, H)} through an Affine to {@code C} class scores, then SoftmaxWithLoss.
 * <pre>
 * xs (N, T, D) → TimeLSTM → hs (N, T, H) → hs[:, T-1, :] (N, H) → Affine → (N, C) → SoftmaxWithLoss
 * </pre>
 * Only the last step gets a gradient from the loss; BPTT carries it back through all the steps.
 */
public final class LstmClassifier implements Model<Tensor> {
    private final TimeLSTM lstm;
    private final Affine affine;
    private final SoftmaxWithLoss lossLayer = new SoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    private int[] lastShape;   // (N, T, H) of the last forward

    /**
     * Weights initialised like the book's LSTM models: {@code Wx = randn(D, 4H) / √D},
     * {@code Wh = randn(H, 4H) / √H}, {@code W = randn(H, C) / √H}, biases zero.
     */
    public LstmClassifier(int inputSize, int hiddenSize, int classes, Rng rng) {
        int D = inputSize, H = hiddenSize, C = classes;
        this.lstm = new TimeLSTM(Tensor.randn(rng, 1.0 / Math.sqrt(D), D, 4 * H),
                Tensor.randn(rng, 1.0 / Math.sqrt(H), H, 4 * H), Tensor.zeros(4 * H), false);
        this.affine = new Affine(Tensor.randn(rng, 1.0 / Math.sqrt(H), H, C), Tensor.zeros(C));
        params.addAll(lstm.params());
        params.addAll(affine.params());
        grads.addAll(lstm.grads());
        grads.addAll(affine.grads());
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }

    /** Class scores {@code (N, C)} of the sequences {@code xs (N, T, D)}, before softmax. */
    public Tensor predict(Tensor xs) {
        Tensor hs = lstm.forward(xs);                 // (N, T, H)
        int N = hs.dim(0), T = hs.dim(1), H = hs.dim(2);
        lastShape = hs.shape.clone();
        Tensor hLast = Tensor.zeros(N, H);            // hs[:, T-1, :]
        for (int n = 0; n < N; n++) {
            System.arraycopy(hs.data, (n * T + T - 1) * H, hLast.data, n * H, H);
        }
        return affine.forward(hLast);                 // (N, C)
    }

    @Override
    public double forward(Tensor xs, IntTensor t) {
        return lossLayer.forward(predict(xs), t);
    }

    @Override
    public void backward() {
        Tensor dscore = lossLayer.backward();         // (N, C)
        Tensor dhLast = affine.backward(dscore);      // (N, H)
        int N = lastShape[0], T = lastShape[1], H = lastShape[2];
        Tensor dhs = Tensor.zeros(N, T, H);           // zero except the last step
        for (int n = 0; n < N; n++) {
            System.arraycopy(dhLast.data, n * H, dhs.data, (n * T + T - 1) * H, H);
        }
        lstm.backward(dhs);
    }

    /** The fraction of sequences whose highest score is their label. */
    public double accuracy(Tensor xs, int[] labels) {
        Tensor scores = predict(xs);
        int C = scores.dim(1);
        int correct = 0;
        for (int n = 0; n < labels.length; n++) {
            int best = 0;
            for (int c = 1; c < C; c++) {
                if (scores.data[n * C + c] > scores.data[n * C + best]) {
                    best = c;
                }
            }
            if (best == labels[n]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
