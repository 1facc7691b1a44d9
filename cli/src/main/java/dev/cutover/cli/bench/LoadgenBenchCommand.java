package dev.cutover.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.EventGenerator;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadGenerator;
import dev.cutover.loadgen.produce.ProducerSettings;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.produce.StatsSnapshot;
import dev.cutover.loadgen.rate.RateLimiter;
import dev.cutover.loadgen.truth.GroundTruth;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover bench loadgen}: on the embedded Kafka, in this process, our generator (full Avro
 * generation and serialisation) against Kafka's own {@code kafka-producer-perf-test} ({@link
 * ProducerPerformance}) with the same record size, partitions, acks and batching.
 */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        description =
                "Our load generator against kafka-producer-perf-test on the embedded Kafka, same"
                        + " record size, partitions and acks; prints both and the ratio.")
public final class LoadgenBenchCommand implements Callable<Integer> {
    private static final Pattern PERF_LINE =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    /** A line of perf-test's --print-metrics: {@code producer-metrics:NAME:{tags} : VALUE}. */
    private static final Pattern PERF_METRIC_LINE =
            Pattern.compile("^producer-metrics:([a-z-]+):\\{[^}]*\\}\\s*:\\s*([\\d.]+)");

    /**
     * The producer metrics shown for both sides, to check the comparison is like for like: how full
     * the batches and requests are (keyed records spread over the partitions; perf-test's unkeyed
     * ones fill one partition's batch at a time).
     */
    private static final List<String> PRODUCER_METRICS =
            List.of("batch-size-avg", "records-per-request-avg");

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "300000",
            description = "Records each side sends (default ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            defaultValue = "4",
            description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--threads",
            paramLabel = "T",
            defaultValue = "1",
            description = "Generator threads (perf-test has one; default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Alternating rounds; each side's median is reported (default 3).")
    int rounds;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (events < 1000) {
            throw CutoverException.badInput("--events must be at least 1000, got " + events);
        }
        if (rounds < 1) {
            throw CutoverException.badInput("--rounds must be at least 1");
        }
        if (partitions < 1) {
            throw CutoverException.badInput("--partitions must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedStack stack =
                EmbeddedStack.start(
                        StackOptions.defaults()
                                .withServices(Service.KAFKA, Service.SCHEMA_REGISTRY))) {
            String servers = stack.kafkaBootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                admin.createTopics(
                                List.of(
                                        topic("bench-loadgen"),
                                        topic("bench-perf-test"),
                                        topic("bench-warmup")))
                        .all()
                        .get(60, TimeUnit.SECONDS);
            }
            SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
            SchemaIds ids = SchemaRegistration.register(registry, "bench-loadgen");
            SchemaRegistration.register(registry, "bench-warmup");
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", servers);

            // Warm both code paths up (JIT, connections) on a throw-away topic.
            long warmup = Math.max(1000, events / 3);
            runGenerator(client, "bench-warmup", ids, warmup);
            runPerfTest(servers, "bench-warmup", warmup, 200);

            // Alternate the two, several rounds, and keep each side's median: the machine's
            // background load drifts, and alternating exposes both sides to the same drift.
            List<GeneratorResult> ourRounds = new ArrayList<>();
            List<PerfResult> theirRounds = new ArrayList<>();
            List<Double> roundRatios = new ArrayList<>();
            int recordSize = 0;
            for (int round = 0; round < rounds; round++) {
                GeneratorResult mine = runGenerator(client, "bench-loadgen", ids, events);
                ourRounds.add(mine);
                recordSize =
                        (int)
                                Math.round(
                                        (double) mine.stats().bytes()
                                                / mine.stats().acknowledged());
                PerfResult perf = runPerfTest(servers, "bench-perf-test", events, recordSize);
                theirRounds.add(perf);
                roundRatios.add(mine.recordsPerSecond() / perf.recordsPerSecond());
            }
            GeneratorResult ours =
                    median(
                            ourRounds,
                            Comparator.comparingDouble(GeneratorResult::recordsPerSecond));
            PerfResult theirs =
                    median(theirRounds, Comparator.comparingDouble(PerfResult::recordsPerSecond));
            double ratio = ours.recordsPerSecond() / theirs.recordsPerSecond();
            double ourCpu =
                    median(
                            ourRounds.stream().map(GeneratorResult::cpuMicrosPerRecord).toList(),
                            Comparator.naturalOrder());
            double theirCpu =
                    median(
                            theirRounds.stream().map(PerfResult::cpuMicrosPerRecord).toList(),
                            Comparator.naturalOrder());
            out.printf(
                    "records per side      %d, %d partitions, acks=all, idempotent,"
                            + " linger.ms=%s, batch.size=%s, no compression%n",
                    events,
                    partitions,
                    ProducerSettings.DEFAULT_LINGER_MS,
                    ProducerSettings.DEFAULT_BATCH_SIZE);
            out.printf(
                    "record size           %d bytes (our average key+value; perf-test: an"
                            + " unkeyed value of that size)%n",
                    recordSize);
            out.printf(
                    "generator             %10.0f records/s %8.2f MB/s %6.2f CPU µs/record"
                            + "  (Avro generation + serialisation, %d thread(s))%n",
                    ours.recordsPerSecond(),
                    megabytes(ours.recordsPerSecond(), recordSize),
                    ourCpu,
                    threads);
            out.printf(
                    "kafka-producer-perf   %10.0f records/s %8.2f MB/s %6.2f CPU µs/record%n",
                    theirs.recordsPerSecond(),
                    megabytes(theirs.recordsPerSecond(), recordSize),
                    theirCpu);
            out.printf(
                    "ratio                 %.2f  (medians of %d alternating rounds; per round"
                            + " %s)%n",
                    ratio,
                    rounds,
                    roundRatios.stream()
                            .map(r -> String.format("%.2f", r))
                            .collect(Collectors.joining(" ")));
            for (String metric : PRODUCER_METRICS) {
                out.printf(
                        "%-21s %10.0f generator %10.0f perf-test  (producer metric, median"
                                + " round)%n",
                        metric,
                        ours.metrics().getOrDefault(metric, Double.NaN),
                        theirs.metrics().getOrDefault(metric, Double.NaN));
            }
            out.printf(
                    "CPU ratio             %.2f  (perf-test's CPU per record / the generator's,"
                            + " whole process)%n",
                    theirCpu / ourCpu);
            out.flush();
            if (json != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("events", events);
                figures.put("partitions", partitions);
                figures.put("threads", threads);
                figures.put("rounds", rounds);
                figures.put(
                        "generator_rps_rounds",
                        ourRounds.stream().map(r -> Math.round(r.recordsPerSecond())).toList());
                figures.put(
                        "perf_test_rps_rounds",
                        theirRounds.stream().map(r -> Math.round(r.recordsPerSecond())).toList());
                figures.put(
                        "ratio_rounds",
                        roundRatios.stream().map(LoadgenBenchCommand::round2).toList());
                figures.put("record_size", recordSize);
                figures.put("generator_rps", Math.round(ours.recordsPerSecond()));
                figures.put(
                        "generator_mbps", round2(megabytes(ours.recordsPerSecond(), recordSize)));
                figures.put("generator_cpu_us_per_record", round2(ourCpu));
                figures.put("perf_test_rps", Math.round(theirs.recordsPerSecond()));
                figures.put(
                        "perf_test_mbps", round2(megabytes(theirs.recordsPerSecond(), recordSize)));
                figures.put("perf_test_cpu_us_per_record", round2(theirCpu));
                figures.put("ratio", round2(ratio));
                figures.put("cpu_ratio", round2(theirCpu / ourCpu));
                figures.put("generator_ack_p99_ms", ours.stats().p99Millis());
                figures.put("generator_producer_metrics", ours.metrics());
                figures.put("perf_test_producer_metrics", theirs.metrics());
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(json.toFile(), figures);
            }
        }
        return ExitCode.OK.code();
    }

    private NewTopic topic(String name) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    /**
     * What a {@code cutover generate} run does while it sends — generation, Avro serialisation, the
     * idempotent producer, a callback per record feeding the ground truth and the latency histogram
     * — without computing the truth report afterwards (not part of sending).
     */
    private GeneratorResult runGenerator(Properties client, String topic, SchemaIds ids, long count)
            throws Exception {
        GeneratorOptions options =
                GeneratorOptions.defaults(
                                42,
                                count,
                                Instant.now()
                                        .minus(2, ChronoUnit.HOURS)
                                        .truncatedTo(ChronoUnit.HOURS))
                        .withAccounts(10_000, 1.1)
                        .withThreads(threads);
        long cpuBefore = processCpuNanos();
        StatsSnapshot stats;
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ProducerSettings.of(client))) {
            stats =
                    new LoadGenerator(
                                    new EventGenerator(options, ids),
                                    producer,
                                    topic,
                                    RateLimiter.unlimited(),
                                    new GroundTruth(topic, count))
                            .run();
            producer.metrics()
                    .forEach(
                            (name, metric) -> {
                                if (name.group().equals("producer-metrics")
                                        && PRODUCER_METRICS.contains(name.name())) {
                                    metrics.put(name.name(), (Double) metric.metricValue());
                                }
                            });
        }
        long cpu = processCpuNanos() - cpuBefore;
        if (stats.failed() > 0) {
            throw CutoverException.infrastructure(
                    stats.failed() + " generator records failed", null);
        }
        return new GeneratorResult(stats, cpu / 1000.0 / count, metrics);
    }

    /**
     * @param cpuMicrosPerRecord this process's CPU time (all threads: producer, broker, GC) per
     *     record while the generator ran
     * @param metrics the producer's {@link #PRODUCER_METRICS} at the end
     */
    private record GeneratorResult(
            StatsSnapshot stats, double cpuMicrosPerRecord, Map<String, Double> metrics) {
        double recordsPerSecond() {
            return stats.recordsPerSecond();
        }
    }

    /**
     * @param recordsPerSecond as perf-test reports it
     * @param cpuMicrosPerRecord this process's CPU time (all threads: producer, broker, GC) per
     *     record while perf-test ran
     */
    private record PerfResult(
            double recordsPerSecond, double cpuMicrosPerRecord, Map<String, Double> metrics) {}

    /** CPU time of the whole process: both sides' producer and the embedded broker it feeds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Runs ProducerPerformance in this JVM, capturing its stdout, and parses its final line. */
    private static PerfResult runPerfTest(String servers, String topic, long count, int size)
            throws Exception {
        String[] args = {
            "--topic",
            topic,
            "--num-records",
            Long.toString(count),
            "--record-size",
            Integer.toString(size),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + servers,
            "acks=all",
            "enable.idempotence=true",
            "linger.ms=" + ProducerSettings.DEFAULT_LINGER_MS,
            "batch.size=" + ProducerSettings.DEFAULT_BATCH_SIZE,
            "--print-metrics",
        };
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure(
                (code, message) -> {
                    throw new IllegalStateException(
                            "kafka-producer-perf-test exited " + code + ": " + message);
                });
        long cpuBefore = processCpuNanos();
        synchronized (LoadgenBenchCommand.class) {
            try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                ProducerPerformance.main(args);
            } finally {
                System.setOut(original);
                Exit.resetExitProcedure();
            }
        }
        long cpu = processCpuNanos() - cpuBefore;
        String output = captured.toString(StandardCharsets.UTF_8);
        PerfResult last = null;
        for (String line : output.split("\n")) {
            Matcher m = PERF_LINE.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) == count) {
                last =
                        new PerfResult(
                                Double.parseDouble(m.group(2)), cpu / 1000.0 / count, Map.of());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = PERF_METRIC_LINE.matcher(line);
            if (m.find() && PRODUCER_METRICS.contains(m.group(1))) {
                metrics.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        if (last == null) {
            throw CutoverException.infrastructure(
                    "cannot read kafka-producer-perf-test's result from: " + output.strip(), null);
        }
        return new PerfResult(last.recordsPerSecond(), last.cpuMicrosPerRecord(), metrics);
    }

    private static <T> T median(List<T> values, Comparator<? super T> order) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(order);
        return sorted.get(sorted.size() / 2);
    }

    /** MB/s (10^6 bytes; perf-test's own figure is MiB/s). */
    private static double megabytes(double recordsPerSecond, int recordSize) {
        return recordsPerSecond * recordSize / 1e6;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
