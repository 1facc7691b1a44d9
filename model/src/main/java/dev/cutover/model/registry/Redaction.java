package dev.cutover.model.registry;

import java.net.URI;

/** Strips credentials and query strings from URLs before they go into messages or logs. */
final class Redaction {
    private Redaction() {}

    static String url(URI uri) {
        if (uri.getHost() == null) {
            return "<invalid URL>";
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        return out.toString();
    }
}
