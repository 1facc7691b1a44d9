package dev.cutover.recon.compare;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of key values that the database's {@code ORDER BY … COLLATE "C"} produces: numbers by
 * value, instants in time, strings by Unicode code point (= UTF-8 byte order, as collation "C"
 * compares), never by a locale. The merge relies on both sides and this comparator agreeing.
 */
public final class KeyOrder implements Comparator<Object[]> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {}

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareValues(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public static int compareValues(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        return compareCodePoints(String.valueOf(a), String.valueOf(b));
    }

    /**
     * Code point order, which equals UTF-8 byte order (Java's UTF-16 order differs above U+FFFF).
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
