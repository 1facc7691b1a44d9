package dev.cutover.loadgen.rate;

/**
 * A token bucket: tokens accrue at {@code perSecond} up to {@code burst}; each record takes one,
 * waiting for it when the bucket is empty. Thread-safe; time comes from the {@link Ticker}.
 */
public final class TokenBucket implements RateLimiter {
    private final double nanosPerToken;
    private final double burst;
    private final Ticker ticker;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, double burst, Ticker ticker) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        if (!(burst >= 1)) {
            throw new IllegalArgumentException("burst must be >= 1");
        }
        this.nanosPerToken = 1e9 / perSecond;
        this.burst = burst;
        this.ticker = ticker;
        this.tokens = 1;
        this.last = ticker.nanoTime();
    }

    /** A bucket holding at most 10 ms worth of records (at least one), so bursts stay small. */
    public static TokenBucket forRate(double perSecond, Ticker ticker) {
        return new TokenBucket(perSecond, Math.max(1, perSecond / 100), ticker);
    }

    @Override
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            refill();
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * nanosPerToken);
        }
        // The token is ours (the balance may be negative); sleep until it has accrued.
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
    }

    private void refill() {
        long now = ticker.nanoTime();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / nanosPerToken);
            last = now;
        }
    }
}
