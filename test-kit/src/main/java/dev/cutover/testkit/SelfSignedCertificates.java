package dev.cutover.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for 127.0.0.1 made with the JDK's {@code keytool}, as PEM text: what a
 * test needs to start a TLS listener and to configure clients inline (Kafka's {@code
 * ssl.keystore.type=PEM}, {@code ssl.truststore.type=PEM}).
 */
public final class SelfSignedCertificates {
    private SelfSignedCertificates() {}

    /**
     * A certificate and its unencrypted PKCS#8 private key, both PEM.
     *
     * @param certificate {@code -----BEGIN CERTIFICATE-----…}
     * @param privateKey {@code -----BEGIN PRIVATE KEY-----…}
     */
    public record Pem(String certificate, String privateKey) {}

    /**
     * A new RSA 2048 key and a certificate for {@code CN=127.0.0.1} with the IP as subject
     * alternative name, valid two days; {@code dir} holds the keytool store it comes from.
     */
    public static Pem create(Path dir, String name) {
        Path store = dir.resolve(name + ".p12");
        String password = "changeit";
        try {
            Process keytool =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "keytool")
                                            .toString(),
                                    "-genkeypair",
                                    "-alias",
                                    name,
                                    "-keyalg",
                                    "RSA",
                                    "-keysize",
                                    "2048",
                                    "-dname",
                                    "CN=127.0.0.1",
                                    "-ext",
                                    "SAN=ip:127.0.0.1",
                                    "-validity",
                                    "2",
                                    "-storetype",
                                    "PKCS12",
                                    "-keystore",
                                    store.toString(),
                                    "-storepass",
                                    password)
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed for " + name + ": " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(name, password.toCharArray());
            Certificate certificate = keyStore.getCertificate(name);
            return new Pem(
                    pem("CERTIFICATE", certificate.getEncoded()),
                    pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END "
                + type
                + "-----";
    }
}
