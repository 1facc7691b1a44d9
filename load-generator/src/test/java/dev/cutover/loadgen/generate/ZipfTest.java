package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guide-table sampler picks the rank a plain binary search over the weights picks. */
class ZipfTest {
    @Test
    void samplesTheRankABinarySearchFinds() {
        for (int n : new int[] {1, 2, 3, 37, 10_000, 70_000}) {
            for (double s : new double[] {0.5, 1.1, 2.5}) {
                Zipf zipf = new Zipf(n, s);
                double[] cumulative = cumulative(n, s);
                SplittableRandom a = new SplittableRandom(n * 31L);
                SplittableRandom b = new SplittableRandom(n * 31L);
                for (int i = 0; i < 100_000; i++) {
                    int found = Arrays.binarySearch(cumulative, b.nextDouble());
                    int expected = Math.min(found >= 0 ? found + 1 : -found - 1, n - 1);
                    assertThat(zipf.sample(a)).as("n=%d s=%s draw %d", n, s, i).isEqualTo(expected);
                }
            }
        }
    }

    private static double[] cumulative(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        c[n - 1] = 1.0;
        return c;
    }
}
