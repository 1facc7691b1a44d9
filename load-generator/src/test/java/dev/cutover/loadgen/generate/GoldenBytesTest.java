package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.config.GeneratorOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the generator's output: a digest of the keys, values and timestamps of the first 30,000
 * records (every fault, both schema versions, 10,000 Zipf accounts) recorded before the generator
 * was optimised. A change to how records are drawn or encoded — even one the determinism tests
 * cannot see because both runs change alike — fails here. Update the digest only for an intended
 * change of output, and say so in the change log.
 */
class GoldenBytesTest {
    private static final String DIGEST =
            "567d62c9108d79bc5947b83ee3c67a690a3a38cd814be6daf2b5323eba3e2a6d";

    @Test
    void outputIsTheRecordedOne() throws Exception {
        GeneratorOptions options = EventGeneratorTest.options(42);
        EventGenerator generator = new EventGenerator(options, EventGeneratorTest.IDS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        for (long p = 0; p < 30_000; p++) {
            GeneratedRecord r = generator.generate(p);
            sha.update(r.key());
            sha.update(r.value());
            sha.update(number.clear().putLong(r.timestampMillis()).array());
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(DIGEST);
    }
}
