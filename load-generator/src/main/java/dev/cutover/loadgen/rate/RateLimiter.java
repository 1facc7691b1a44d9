package dev.cutover.loadgen.rate;

/** Paces senders: {@link #acquire()} returns when the caller may send one more record. */
public interface RateLimiter {
    void acquire() throws InterruptedException;

    /** No limit: as fast as possible. */
    static RateLimiter unlimited() {
        return () -> {};
    }

    /** {@code perSecond} records per second; 0 means unlimited. */
    static RateLimiter of(double perSecond, Ticker ticker) {
        return perSecond <= 0 ? unlimited() : TokenBucket.forRate(perSecond, ticker);
    }
}
