package dev.cutover.contract;

import java.util.Locale;

/** Which option keys (Kafka client properties, job options) hold credentials. */
public final class SecretKeys {
    private SecretKeys() {}

    /**
     * A key naming a password, a JAAS config, a secret, a private key or registry user info, e.g.
     * {@code jdbc.password}, {@code sasl.jaas.config}, {@code ssl.keystore.key}, {@code
     * schema.registry.user-info}.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("jaas")
                || k.contains("secret")
                || k.endsWith(".key")
                || k.endsWith("user-info");
    }
}
