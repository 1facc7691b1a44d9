package dev.cutover.loadgen.generate;

/**
 * Derives an independent random stream per (seed, position, purpose) with the SplitMix64 finaliser,
 * so any thread can generate any position and the result never depends on order. A stream is the
 * one {@code new SplittableRandom(streamSeed(…))} gives; {@link PositionRandom} produces it without
 * allocating.
 */
final class Seeds {
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long streamSeed(long seed, long position, long purpose) {
        return mix(mix(seed + GOLDEN_GAMMA * (purpose + 1)) ^ mix(position));
    }

    /** The first {@code nextDouble()} of the stream, without a generator object. */
    static double firstDouble(long seed, long position, long purpose) {
        return (mix(streamSeed(seed, position, purpose) + GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    }
}
