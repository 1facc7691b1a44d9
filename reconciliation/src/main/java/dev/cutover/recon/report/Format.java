package dev.cutover.recon.report;

import java.util.Locale;

/** Number and text formatting shared by the renderers. */
final class Format {
    private Format() {}

    static String seconds(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String md(String text) {
        return text == null ? "" : text.replace("<", "&lt;").replace("|", "\\|").replace("\n", " ");
    }
}
