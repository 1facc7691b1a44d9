package dev.cutover.model.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach a schema registry that speaks the Confluent REST API.
 *
 * @param baseUrl the API base, e.g. {@code https://registry.example.com:8081} for Confluent or
 *     {@code http://127.0.0.1:8080/apis/ccompat/v7} for Apicurio's compatibility API
 * @param requestTimeout the limit for one HTTP request (and for connecting)
 * @param maxAttempts how often a request is tried when the server answers 5xx or cannot be reached
 * @param initialBackoff the wait before the second attempt; it doubles after each further attempt
 * @param credentials basic-auth user and password, if the registry needs them
 * @param sslContext the TLS context for an {@code https} URL with a private CA, if any
 */
public record RegistryClientConfig(
        URI baseUrl,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Optional<BasicCredentials> credentials,
        Optional<SSLContext> sslContext) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

    public RegistryClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(
                    "schema registry URL must be http or https: " + Redaction.url(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "schema registry URL must not carry credentials ("
                            + Redaction.url(baseUrl)
                            + "): pass them as basic-auth credentials");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(sslContext, "sslContext");
    }

    /** Defaults for everything but the URL: 10 s per request, 4 attempts, no auth, default TLS. */
    public static RegistryClientConfig of(String baseUrl) {
        return new RegistryClientConfig(
                URI.create(stripTrailingSlash(baseUrl)),
                DEFAULT_TIMEOUT,
                DEFAULT_ATTEMPTS,
                DEFAULT_BACKOFF,
                Optional.empty(),
                Optional.empty());
    }

    public RegistryClientConfig withTimeout(Duration timeout, int attempts) {
        return new RegistryClientConfig(
                baseUrl, timeout, attempts, initialBackoff, credentials, sslContext);
    }

    public RegistryClientConfig withCredentials(BasicCredentials basic) {
        return new RegistryClientConfig(
                baseUrl,
                requestTimeout,
                maxAttempts,
                initialBackoff,
                Optional.of(basic),
                sslContext);
    }

    public RegistryClientConfig withSslContext(SSLContext context) {
        return new RegistryClientConfig(
                baseUrl,
                requestTimeout,
                maxAttempts,
                initialBackoff,
                credentials,
                Optional.of(context));
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    @Override
    public String toString() {
        return "RegistryClientConfig[baseUrl="
                + Redaction.url(baseUrl)
                + ", requestTimeout="
                + requestTimeout
                + ", maxAttempts="
                + maxAttempts
                + ", credentials="
                + (credentials.isPresent() ? "<set>" : "<none>")
                + "]";
    }
}
