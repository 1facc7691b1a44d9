package dev.cutover.loadgen.generate;

import java.util.random.RandomGenerator;

/**
 * A reusable generator that produces exactly the numbers of {@code new
 * java.util.SplittableRandom(seed)}: the same SplitMix64 {@code nextLong()} and {@code nextInt()},
 * and every other method from {@link RandomGenerator}'s defaults, as SplittableRandom does.
 * Reseeding it per position avoids two allocations per draw stream on the generator's hot path.
 * {@code PositionRandomTest} compares it with SplittableRandom. Not thread-safe.
 */
final class PositionRandom implements RandomGenerator {
    private long seed;

    /** Starts the stream of {@code new SplittableRandom(seed)}; returns this. */
    PositionRandom at(long seed) {
        this.seed = seed;
        return this;
    }

    @Override
    public long nextLong() {
        return Seeds.mix(seed += Seeds.GOLDEN_GAMMA);
    }

    @Override
    public int nextInt() {
        long z = seed += Seeds.GOLDEN_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
