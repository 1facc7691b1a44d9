package dev.cutover.loadgen.generate;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream per (seed, position, purpose) with the SplitMix64 finaliser,
 * so any thread can generate any position and the result never depends on order.
 */
final class Seeds {
    private Seeds() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom random(long seed, long position, long purpose) {
        return new SplittableRandom(
                mix(mix(seed + 0x9e3779b97f4a7c15L * (purpose + 1)) ^ mix(position)));
    }
}
