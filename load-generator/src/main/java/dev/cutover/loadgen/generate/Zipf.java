package dev.cutover.loadgen.generate;

import java.util.random.RandomGenerator;

/**
 * Samples ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank+1)^s}: a few ranks
 * carry most of the weight. {@code s = 0} is uniform. Immutable and thread-safe.
 */
public final class Zipf {
    private static final int MAX_BUCKETS = 1 << 16;

    private final int n;
    private final double[] cumulative;

    /**
     * A guide table over [0, 1) in {@code buckets} (a power of two, so {@code u * buckets} is
     * exact): {@code guide[b]} is the first rank whose cumulative weight exceeds {@code b /
     * buckets}, so a sample only searches the ranks of its bucket.
     */
    private final int[] guide;

    private final int buckets;

    public Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.n = n;
        if (s == 0) {
            this.cumulative = null;
            this.guide = null;
            this.buckets = 0;
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
            this.buckets = Math.min(MAX_BUCKETS, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
            this.guide = new int[buckets + 1];
            int k = 0;
            for (int b = 0; b <= buckets; b++) {
                double bound = (double) b / buckets;
                while (k < n && c[k] <= bound) {
                    k++;
                }
                guide[b] = Math.min(k, n - 1);
            }
        }
    }

    public int sample(RandomGenerator random) {
        if (cumulative == null) {
            return random.nextInt(n);
        }
        // The first rank whose cumulative weight exceeds u: in [guide[b], guide[b + 1]].
        double u = random.nextDouble();
        int b = (int) (u * buckets);
        int lo = guide[b];
        int hi = guide[b + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The expected share of the {@code top} most frequent ranks. */
    public double share(int top) {
        if (cumulative == null) {
            return (double) top / n;
        }
        return top <= 0 ? 0 : cumulative[Math.min(top, n) - 1];
    }
}
