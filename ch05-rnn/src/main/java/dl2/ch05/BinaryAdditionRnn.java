package dl2.ch05;

import dl2.common.Kernels;
import dl2.common.Parameterized;
import dl2.common.Rng;
import dl2.common.Tensor;

import java.util.List;

/**
 * The classic binary-addition RNN with back-propagation through time written out by hand: no layer
 * objects, every loop in this one class (DESIGN.md, "Programs beyond the book"; the RNN of book 5.2-5.3
 * reduced to its bare equations).
 *
 * <p>Two numbers {@code a, b < 128} are fed bit by bit from the least significant bit, one time step per
 * bit ({@value #BITS} steps). At step {@code t} the input is {@code x_t = (a_t, b_t)} and
 * <pre>
 *   h_t = f(x_t · W_in + h_{t-1} · W_h)     (1, H), h_{-1} = 0
 *   y_t = sigmoid(h_t · W_out)             (1, 1), the predicted bit t of a + b
 *   L   = Σ_t ½ (y_t − c_t)²               squared error against the true bit c_t
 * </pre>
 * with no biases. {@link #backward()} walks the steps backwards, carrying {@code dh_next} from step
 * {@code t+1} into step {@code t}: that carried term is the whole of BPTT.
 */
public final class BinaryAdditionRnn implements Parameterized {
    /** Bits per number: a, b < 128 so that the sum fits in 8 bits. */
    public static final int BITS = 8;
    /** The numbers added are drawn from 0 ..< {@code LIMIT}. */
    public static final int LIMIT = 1 << (BITS - 1);

    /** The hidden activation {@code f}; its derivative is written through its output {@code h = f(z)}. */
    public enum Activation {
        SIGMOID, TANH, RELU;

        double apply(double z) {
            return switch (this) {
                case SIGMOID -> Kernels.sigmoid(z);
                case TANH -> Math.tanh(z);
                case RELU -> Math.max(0, z);
            };
        }

        /** {@code f'(z)} given {@code h = f(z)}: h(1−h), 1−h², or 1 where h > 0. */
        double derivative(double h) {
            return switch (this) {
                case SIGMOID -> h * (1 - h);
                case TANH -> 1 - h * h;
                case RELU -> h > 0 ? 1 : 0;
            };
        }
    }

    /**
     * How the weights are drawn: normal with std 1 (the classic exercise), Xavier {@code 1/√fan_in} (as
     * SimpleRnnlm's RNN weights, book 5.5.1), or He {@code √(2/fan_in)} (the variant made for ReLU).
     */
    public enum Init {
        STD, XAVIER, HE;

        double std(int fanIn) {
            return switch (this) {
                case STD -> 1.0;
                case XAVIER -> 1.0 / Math.sqrt(fanIn);
                case HE -> Math.sqrt(2.0 / fanIn);
            };
        }
    }

    private final Activation activation;
    private final int H;
    private final Tensor Win;   // (2, H)
    private final Tensor Wh;    // (H, H)
    private final Tensor Wout;  // (H, 1)
    private final Tensor dWin;
    private final Tensor dWh;
    private final Tensor dWout;

    // Cached by forward for backward.
    private final double[][] x = new double[BITS][2];     // x_t = (a_t, b_t)
    private final double[][] h = new double[BITS + 1][];  // h[t + 1] = h_t; h[0] = h_{-1} = 0
    private final double[] y = new double[BITS];          // y_t
    private final int[] c = new int[BITS];                 // c_t, the true bits

    /** A network with {@code hidden} units, weights drawn from {@code rng} as {@code init} says. */
    public BinaryAdditionRnn(int hidden, Activation activation, Init init, Rng rng) {
        this(Tensor.randn(rng, init.std(2), 2, hidden),
                Tensor.randn(rng, init.std(hidden), hidden, hidden),
                Tensor.randn(rng, init.std(hidden), hidden, 1),
                activation);
    }

    /** A network with the given weights (used as they are, not copied). */
    public BinaryAdditionRnn(Tensor Win, Tensor Wh, Tensor Wout, Activation activation) {
        this.H = Wh.dim(0);
        if (Win.dim(0) != 2 || Win.dim(1) != H || Wh.dim(1) != H || Wout.dim(0) != H || Wout.dim(1) != 1) {
            throw new IllegalArgumentException("weights must be W_in (2, H), W_h (H, H), W_out (H, 1); got "
                    + Win.shapeString() + ", " + Wh.shapeString() + ", " + Wout.shapeString());
        }
        this.activation = activation;
        this.Win = Win;
        this.Wh = Wh;
        this.Wout = Wout;
        this.dWin = Tensor.zerosLike(Win);
        this.dWh = Tensor.zerosLike(Wh);
        this.dWout = Tensor.zerosLike(Wout);
        this.h[0] = new double[H];
        for (int t = 0; t < BITS; t++) {
            h[t + 1] = new double[H];
        }
    }

    /** W_in, W_h, W_out. */
    @Override
    public List<Tensor> params() {
        return List.of(Win, Wh, Wout);
    }

    /** dW_in, dW_h, dW_out, filled by {@link #backward()}. */
    @Override
    public List<Tensor> grads() {
        return List.of(dWin, dWh, dWout);
    }

    public Activation activation() {
        return activation;
    }

    /** Bit {@code t} of {@code n}, least significant first: {@code bits(6) = [0, 1, 1, 0, 0, 0, 0, 0]}. */
    public static int[] bits(int n) {
        int[] b = new int[BITS];
        for (int t = 0; t < BITS; t++) {
            b[t] = (n >> t) & 1;
        }
        return b;
    }

    /** Runs the {@value #BITS} steps on {@code a + b}, caches them for {@link #backward()}, returns the squared error. */
    public double forward(int a, int b) {
        if (a < 0 || a >= LIMIT || b < 0 || b >= LIMIT) {
            throw new IllegalArgumentException("a and b must lie in 0.." + (LIMIT - 1) + ", got " + a + " and " + b);
        }
        int[] aBits = bits(a), bBits = bits(b), sumBits = bits(a + b);
        double[] out = new double[1];
        double loss = 0;
        for (int t = 0; t < BITS; t++) {
            x[t][0] = aBits[t];
            x[t][1] = bBits[t];
            c[t] = sumBits[t];
            double[] ht = h[t + 1];
            Kernels.matmul(x[t], Win.data, ht, 1, 2, H);      // z = x_t · W_in
            Kernels.matmulAcc(h[t], Wh.data, ht, 1, H, H);    //   + h_{t-1} · W_h
            for (int j = 0; j < H; j++) {
                ht[j] = activation.apply(ht[j]);              // h_t = f(z)
            }
            Kernels.matmul(ht, Wout.data, out, 1, H, 1);
            y[t] = Kernels.sigmoid(out[0]);                   // y_t = sigmoid(h_t · W_out)
            double err = y[t] - c[t];
            loss += 0.5 * err * err;
        }
        return loss;
    }

    /** BPTT through the steps of the last {@link #forward}: fills {@link #grads()}. */
    public void backward() {
        dWin.fill(0);
        dWh.fill(0);
        dWout.fill(0);
        double[] dhNext = new double[H];                      // dL/dh_t arriving from step t+1
        double[] dz = new double[H];
        double[] dout = new double[1];
        for (int t = BITS - 1; t >= 0; t--) {
            double[] ht = h[t + 1];
            dout[0] = (y[t] - c[t]) * y[t] * (1 - y[t]);      // through ½(y−c)² and the output sigmoid
            Kernels.matmulAtBAcc(ht, dout, dWout.data, 1, H, 1);       // dW_out += h_tᵀ · dout
            Kernels.matmulABt(dout, Wout.data, dz, 1, 1, H);           // dh = dout · W_outᵀ
            for (int j = 0; j < H; j++) {
                dz[j] = (dz[j] + dhNext[j]) * activation.derivative(ht[j]);  // dz = (dh + dh_next) · f'
            }
            Kernels.matmulAtBAcc(x[t], dz, dWin.data, 1, 2, H);        // dW_in += x_tᵀ · dz
            Kernels.matmulAtBAcc(h[t], dz, dWh.data, 1, H, H);         // dW_h  += h_{t-1}ᵀ · dz
            Kernels.matmulABt(dz, Wh.data, dhNext, 1, H, H);           // dh_next = dz · W_hᵀ
        }
    }

    /** Plain gradient descent on every weight: {@code W −= lr · dW}. */
    public void update(double lr) {
        Kernels.axpy(-lr, dWin.data, Win.data);
        Kernels.axpy(-lr, dWh.data, Wh.data);
        Kernels.axpy(-lr, dWout.data, Wout.data);
    }

    /** One training iteration on {@code a + b}: forward, BPTT, update. Returns the loss before the update. */
    public double trainStep(int a, int b, double lr) {
        double loss = forward(a, b);
        backward();
        update(lr);
        return loss;
    }

    /**
     * The bits of the last {@link #forward}, least significant first, each output rounded like the classic's
     * {@code np.round}: above 0.5 gives 1, and exactly 0.5 gives 0 (NumPy rounds half to even). The tie
     * matters here: with tanh or ReLU and no biases, a step whose input and state are all zero outputs
     * exactly 0.5, and the true bit of such a step is 0.
     */
    public int[] predictedBits() {
        int[] d = new int[BITS];
        for (int t = 0; t < BITS; t++) {
            d[t] = y[t] > 0.5 ? 1 : 0;
        }
        return d;
    }

    /** The sum the network reads off {@code a} and {@code b}. */
    public int predict(int a, int b) {
        forward(a, b);
        return value(predictedBits());
    }

    /** The number whose bits (least significant first) are {@code bits}. */
    public static int value(int[] bits) {
        int n = 0;
        for (int t = bits.length - 1; t >= 0; t--) {
            n = 2 * n + bits[t];
        }
        return n;
    }

    /** Fraction of the pairs {@code (as[i], bs[i])} whose sum the network gets exactly right, all 8 bits. */
    public double accuracy(int[] as, int[] bs) {
        int right = 0;
        for (int i = 0; i < as.length; i++) {
            if (predict(as[i], bs[i]) == as[i] + bs[i]) {
                right++;
            }
        }
        return (double) right / as.length;
    }

    /** Fraction of all {@code 128 × 128} pairs summed exactly right. */
    public double accuracyOverAllPairs() {
        int[] as = new int[LIMIT * LIMIT], bs = new int[LIMIT * LIMIT];
        for (int i = 0; i < as.length; i++) {
            as[i] = i / LIMIT;
            bs[i] = i % LIMIT;
        }
        return accuracy(as, bs);
    }
}
