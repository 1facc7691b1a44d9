package dev.cutover.contract;

/** Hides what may carry a secret before it is printed. */
public final class Redact {
    private Redact() {}

    /** A JDBC URL without its query string (which may hold {@code password=…}) or user info. */
    public static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?…";
        int at = base.indexOf('@');
        int scheme = base.indexOf("//");
        if (at > 0 && scheme >= 0 && at > scheme) {
            base = base.substring(0, scheme + 2) + "…@" + base.substring(at + 1);
        }
        return base;
    }

    /**
     * Where a JDBC URL's database is, to name it in a message: the URL without its query string and
     * user info, e.g. {@code jdbc:postgresql://db.example.com:5432/payments}.
     */
    public static String jdbcAddress(String url) {
        String redacted = jdbcUrl(url);
        if (redacted == null) {
            return null;
        }
        int query = redacted.indexOf('?');
        return query < 0 ? redacted : redacted.substring(0, query);
    }
}
