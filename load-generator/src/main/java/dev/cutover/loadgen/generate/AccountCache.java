package dev.cutover.loadgen.generate;

import java.util.function.IntFunction;

/**
 * Per-account values (id bytes, card number bytes) computed once per generator, for up to a million
 * accounts; beyond that they are computed on each use. Not thread-safe (one per generator). Callers
 * must not modify what it returns.
 */
final class AccountCache<T> {
    private static final int MAX_CACHED = 1_000_000;

    private final Object[] values;
    private final IntFunction<T> compute;

    AccountCache(int accounts, IntFunction<T> compute) {
        this.values = accounts <= MAX_CACHED ? new Object[accounts] : null;
        this.compute = compute;
    }

    @SuppressWarnings("unchecked")
    T get(int account) {
        if (values == null) {
            return compute.apply(account);
        }
        Object value = values[account];
        if (value == null) {
            value = compute.apply(account);
            values[account] = value;
        }
        return (T) value;
    }
}
