package dl2.common.timelayers;

import dl2.common.Kernels;
import dl2.common.Rng;
import dl2.common.Tensor;
import org.junit.jupiter.api.Test;

import static dl2.common.timelayers.TimeTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The column-block products the GRU uses, against the full products of the existing kernels. */
class TimeKernelsTest {
    static final int M = 3;
    static final int K = 4;
    static final int W = 7;
    static final int FROM = 2;
    static final int TO = 5;

    @Test
    void matmulColsAccIsABlockOfTheFullProduct() {
        Rng rng = new Rng(1);
        Tensor a = randn(rng, M, K);
        Tensor b = randn(rng, K, W);
        Tensor c = randn(rng, M, W);
        Tensor full = Tensor.zeros(M, W);
        Kernels.matmul(a.data, b.data, full.data, M, K, W);
        Tensor expected = c.copy();
        Kernels.matmulColsAcc(a.data, b.data, c.data, M, K, W, FROM, TO);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < W; j++) {
                double add = j >= FROM && j < TO ? full.get(i, j) : 0;
                assertEquals(expected.get(i, j) + add, c.get(i, j), 1e-12);
            }
        }
    }

    @Test
    void matmulAtBColsAccIsABlockOfTheFullProduct() {
        Rng rng = new Rng(2);
        Tensor a = randn(rng, M, K);
        Tensor b = randn(rng, M, W);
        Tensor c = randn(rng, K, W);
        Tensor full = Tensor.zeros(K, W);
        Kernels.matmulAtB(a.data, b.data, full.data, M, K, W);
        Tensor expected = c.copy();
        Kernels.matmulAtBColsAcc(a.data, b.data, c.data, M, K, W, FROM, TO);
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < W; j++) {
                double add = j >= FROM && j < TO ? full.get(i, j) : 0;
                assertEquals(expected.get(i, j) + add, c.get(i, j), 1e-12);
            }
        }
    }

    @Test
    void matmulABtColsAccUsesOnlyTheBlock() {
        Rng rng = new Rng(3);
        Tensor a = randn(rng, M, W);
        Tensor b = randn(rng, K, W);
        Tensor c = randn(rng, M, K);
        Tensor aBlock = Tensor.zeros(M, W);
        for (int i = 0; i < M; i++) {
            for (int j = FROM; j < TO; j++) {
                aBlock.data[i * W + j] = a.get(i, j);
            }
        }
        Tensor expected = c.copy();
        Kernels.matmulABtAcc(aBlock.data, b.data, expected.data, M, W, K);
        Kernels.matmulABtColsAcc(a.data, b.data, c.data, M, K, W, FROM, TO);
        for (int i = 0; i < M * K; i++) {
            assertEquals(expected.data[i], c.data[i], 1e-12);
        }
    }

    @Test
    void softmaxRowsLogZMatchesSoftmaxRows() {
        Rng rng = new Rng(4);
        Tensor x = randn(rng, M, W);
        Tensor y = x.copy();
        Kernels.softmaxRows(y.data, y.data, M, W);
        Tensor z = Tensor.zerosLike(x);
        double[] logZ = new double[M];
        Kernels.softmaxRowsLogZ(x.data, z.data, logZ, M, W);
        for (int i = 0; i < M; i++) {
            double sum = 0;
            for (int j = 0; j < W; j++) {
                assertEquals(y.get(i, j), z.get(i, j), 1e-15);
                sum += Math.exp(x.get(i, j));
            }
            assertEquals(Math.log(sum), logZ[i], 1e-12);
        }
    }
}
