package dl2.common.demo;

import dl2.common.IntTensor;
import dl2.common.Layer;
import dl2.common.Model;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.layers.Affine;
import dl2.common.layers.Sigmoid;
import dl2.common.layers.SoftmaxWithLoss;

import java.util.ArrayList;
import java.util.List;

/** The book's {@code TwoLayerNet} (1.4.1): Affine → Sigmoid → Affine, with Softmax-with-Loss on top. */
public final class TwoLayerNet implements Model<Tensor> {
    private final List<Layer> layers;
    private final SoftmaxWithLoss lossLayer = new SoftmaxWithLoss();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();

    /** Weights drawn as {@code 0.01 · randn}, biases zero, as in the book. */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, Rng rng) {
        int I = inputSize, H = hiddenSize, O = outputSize;
        Tensor W1 = Tensor.randn(rng, 0.01, I, H);
        Tensor b1 = Tensor.zeros(H);
        Tensor W2 = Tensor.randn(rng, 0.01, H, O);
        Tensor b2 = Tensor.zeros(O);
        layers = List.of(new Affine(W1, b1), new Sigmoid(), new Affine(W2, b2));
        for (Layer layer : layers) {
            params.addAll(layer.params());
            grads.addAll(layer.grads());
        }
    }

    /** The class scores {@code (N, O)} of the points {@code x (N, I)}. */
    public Tensor predict(Tensor x) {
        for (Layer layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    @Override
    public double forward(Tensor x, IntTensor t) {
        Tensor score = predict(x);
        return lossLayer.forward(score, t);
    }

    @Override
    public void backward() {
        Tensor dout = lossLayer.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            dout = layers.get(i).backward(dout);
        }
    }

    @Override
    public List<Tensor> params() {
        return params;
    }

    @Override
    public List<Tensor> grads() {
        return grads;
    }
}
