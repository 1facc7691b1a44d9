package dev.cutover.loadgen.generate;

import java.util.function.IntFunction;

/**
 * Per-account strings (id, card number) computed once per generator, for up to a million accounts;
 * beyond that they are computed on each use. Not thread-safe (one per generator).
 */
final class AccountCache {
    private static final int MAX_CACHED = 1_000_000;

    private final String[] values;
    private final IntFunction<String> compute;

    AccountCache(int accounts, IntFunction<String> compute) {
        this.values = accounts <= MAX_CACHED ? new String[accounts] : null;
        this.compute = compute;
    }

    String get(int account) {
        if (values == null) {
            return compute.apply(account);
        }
        String value = values[account];
        if (value == null) {
            value = compute.apply(account);
            values[account] = value;
        }
        return value;
    }
}
