package dev.cutover.model.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A user and password for HTTP basic auth. Never printed: {@link #toString()} hides both. */
public record BasicCredentials(String user, String password) {
    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses Confluent's {@code basic.auth.user.info} form, {@code user:password}.
     *
     * @throws IllegalArgumentException when there is no colon (the message does not echo the text)
     */
    public static BasicCredentials parse(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "basic-auth user info must have the form user:password");
        }
        return new BasicCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    String authorizationHeader() {
        String token = user + ":" + password;
        return "Basic "
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=<hidden>]";
    }
}
