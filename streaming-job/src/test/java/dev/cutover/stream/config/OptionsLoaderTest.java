package dev.cutover.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.contract.stream.OptionsException;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.contract.stream.TestDefect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsLoaderTest {
    private static final String[] REQUIRED = {
        "--bootstrap.servers", "k:9092",
        "--schema.registry.url", "http://registry.example.com:8081",
        "--jdbc.url", "jdbc:postgresql://db/app",
        "--jdbc.user", "app"
    };

    @Test
    void flagsGiveTypedOptionsWithDefaults() {
        StreamJobOptions options = OptionsLoader.load(REQUIRED);
        assertThat(options.bootstrapServers()).isEqualTo("k:9092");
        assertThat(options.topic()).isEqualTo("card-transactions");
        assertThat(options.jdbcSchema()).isEqualTo("stream");
        assertThat(options.sinkBatchSize()).isEqualTo(5000);
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.startingOffsets()).isEqualTo(StreamJobOptions.StartingOffsets.EARLIEST);
        assertThat(options.bounded()).isFalse();
    }

    @Test
    void flagsBeatThePropertiesFileWhichBeatsTheApplicationProperties(@TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("application_properties.json");
        Files.writeString(
                json,
                "[{\"PropertyGroupId\":\"CutoverStream\",\"PropertyMap\":{"
                        + "\"bootstrap.servers\":\"msk:9098\",\"topic\":\"from-json\","
                        + "\"schema.registry.url\":\"https://registry.example.com\",\"jdbc.url\":"
                        + "\"jdbc:postgresql://aurora/db\",\"jdbc.user\":\"flink\","
                        + "\"checkpoint.interval\":\"1m\",\"kafka.security.protocol\":\"SSL\"}},"
                        + "{\"PropertyGroupId\":\"Other\",\"PropertyMap\":{\"topic\":\"no\"}}]");
        Path props = dir.resolve("job.properties");
        Files.writeString(props, "topic=from-file\nsink.batch-size=100\njdbc.password=s3cret\n");

        StreamJobOptions options =
                OptionsLoader.load(
                        new String[] {
                            "--application-properties", json.toString(),
                            "--config", props.toString(),
                            "--sink.batch-size=200"
                        });

        assertThat(options.bootstrapServers()).isEqualTo("msk:9098");
        assertThat(options.topic()).isEqualTo("from-file");
        assertThat(options.sinkBatchSize()).isEqualTo(200);
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SSL");
        assertThat(options.jdbcPassword()).isEqualTo("s3cret");
        assertThat(options.toString()).doesNotContain("s3cret").contains("jdbc.password=***");
    }

    @Test
    void theHourlySinkHasABatchAndFlushIntervalOfItsOwn() {
        StreamJobOptions defaults = OptionsLoader.load(REQUIRED);
        assertThat(defaults.sinkHourlyBatchSize()).isEqualTo(50_000);
        assertThat(defaults.sinkHourlyFlushInterval()).isEqualTo(Duration.ofSeconds(2));

        StreamJobOptions set =
                OptionsLoader.load(
                        concat(
                                REQUIRED,
                                "--sink.hourly.batch-size=7",
                                "--sink.hourly.flush-interval=250ms"));
        assertThat(set.sinkHourlyBatchSize()).isEqualTo(7);
        assertThat(set.sinkHourlyFlushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.sinkBatchSize()).isEqualTo(5000);
        assertThat(set.toString())
                .contains("sink.hourly.batch-size=7", "sink.hourly.flush-interval=PT0.25S");
        assertThatThrownBy(
                        () -> OptionsLoader.load(concat(REQUIRED, "--sink.hourly.batch-size", "0")))
                .hasMessageContaining("sink.hourly.batch-size")
                .hasMessageContaining("at least 1");
    }

    @Test
    void aMissingKeyIsNamedWithWhereToSetIt() {
        assertThatThrownBy(() -> OptionsLoader.load(new String[] {"--bootstrap.servers", "k:1"}))
                .isInstanceOf(OptionsException.class)
                .hasMessageContaining("missing option 'schema.registry.url'")
                .hasMessageContaining("CutoverStream");
    }

    @Test
    void aBadValueIsNamedWithItsSource() {
        String[] args = concat(REQUIRED, "--checkpoint.interval", "soon");
        assertThatThrownBy(() -> OptionsLoader.load(args))
                .hasMessageContaining("'checkpoint.interval' (command line)")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> OptionsLoader.load(concat(REQUIRED, "--jdbc.url", "mysql://x")))
                .hasMessageContaining("jdbc.url")
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> OptionsLoader.load(concat(REQUIRED, "--sink.batch-size", "0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> OptionsLoader.load(concat(REQUIRED, "--topik", "x")))
                .hasMessageContaining("unknown option 'topik'");
    }

    @Test
    void theTestDefectIsOffByDefaultAndOnlyKnownNamesAreAccepted() {
        StreamJobOptions plain = OptionsLoader.load(REQUIRED);
        assertThat(plain.testDefect()).isEqualTo(TestDefect.NONE);
        assertThat(plain.toString()).doesNotContain("test.defect");
        assertThat(OptionsLoader.load(concat(REQUIRED, "--test.defect", "none")).testDefect())
                .isEqualTo(TestDefect.NONE);

        StreamJobOptions defect =
                OptionsLoader.load(concat(REQUIRED, "--test.defect", "fx-round-down"));
        assertThat(defect.testDefect()).isEqualTo(TestDefect.FX_ROUND_DOWN);
        assertThat(defect.toString()).contains("test.defect=fx-round-down");

        assertThatThrownBy(() -> OptionsLoader.load(concat(REQUIRED, "--test.defect", "fx-up")))
                .isInstanceOf(OptionsException.class)
                .hasMessageContaining("bad value 'fx-up' for option 'test.defect' (command line)")
                .hasMessageContaining("unknown test defect; known: fx-round-down");
    }

    @Test
    void sinkParallelismDefaultsToTheJobsAndRejectsNegatives() {
        assertThat(OptionsLoader.load(REQUIRED).sinkParallelism()).isZero();
        assertThat(
                        OptionsLoader.load(concat(REQUIRED, "--sink.parallelism", "3"))
                                .sinkParallelism())
                .isEqualTo(3);
        assertThatThrownBy(() -> OptionsLoader.load(concat(REQUIRED, "--sink.parallelism", "-1")))
                .hasMessageContaining("'sink.parallelism'")
                .hasMessageContaining("at least 0");
    }

    @Test
    void kafkaSecretsAreNeverShown() {
        StreamJobOptions options =
                OptionsLoader.load(
                        concat(
                                REQUIRED,
                                "--kafka.ssl.keystore.key",
                                "-----BEGIN PRIVATE KEY-----",
                                "--kafka.ssl.keystore.type",
                                "PEM"));
        assertThat(options.kafkaClientProperties())
                .containsEntry("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        assertThat(options.toString())
                .doesNotContain("PRIVATE")
                .contains("kafka.ssl.keystore.type=PEM");
    }

    @Test
    void withoutManagedFlinksFileThePropertyGroupIsEmpty() throws Exception {
        Class.forName("com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime");
        assertThat(OptionsLoader.managedFlinkGroup()).isEmpty();
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(dev.cutover.contract.Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(dev.cutover.contract.Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(dev.cutover.contract.Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(dev.cutover.contract.Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> dev.cutover.contract.Durations.parse("10"))
                .hasMessageContaining("unit");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
