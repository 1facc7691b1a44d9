package dev.cutover.loadgen.rate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    /** Time moves only when someone sleeps. */
    static final class FakeTicker implements Ticker {
        long now = 1_000_000_000L;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void paces1000PerSecondToOneSecondPer1000Records() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(1000, 1, ticker);
        long start = ticker.now;
        for (int i = 0; i < 1001; i++) {
            bucket.acquire();
        }
        assertThat(ticker.now - start).isBetween(999_000_000L, 1_001_000_000L);
    }

    @Test
    void burstIsServedAtOnceAfterIdleTimeButNoMore() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(100, 10, ticker);
        ticker.now += 5_000_000_000L; // idle 5 s: the bucket fills to its burst only
        long before = ticker.slept;
        for (int i = 0; i < 10; i++) {
            bucket.acquire();
        }
        assertThat(ticker.slept).isEqualTo(before);
        bucket.acquire();
        assertThat(ticker.slept - before).isEqualTo(10_000_000L);
    }

    @Test
    void zeroRateIsUnlimited() throws Exception {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = RateLimiter.of(0, ticker);
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire();
        }
        assertThat(ticker.slept).isZero();
    }
}
