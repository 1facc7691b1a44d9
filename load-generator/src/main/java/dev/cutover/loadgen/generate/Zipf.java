package dev.cutover.loadgen.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Samples ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank+1)^s}: a few ranks
 * carry most of the weight. {@code s = 0} is uniform. Immutable and thread-safe.
 */
public final class Zipf {
    private final int n;
    private final double[] cumulative;

    public Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.n = n;
        if (s == 0) {
            this.cumulative = null;
        } else {
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
            this.cumulative = c;
        }
    }

    public int sample(RandomGenerator random) {
        if (cumulative == null) {
            return random.nextInt(n);
        }
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        int rank = i >= 0 ? i + 1 : -i - 1;
        return Math.min(rank, n - 1);
    }

    /** The expected share of the {@code top} most frequent ranks. */
    public double share(int top) {
        if (cumulative == null) {
            return (double) top / n;
        }
        return top <= 0 ? 0 : cumulative[Math.min(top, n) - 1];
    }
}
