package dev.cutover.loadgen.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON summary of a run ({@code --summary-json}): records by version, distinct transactions,
 * duplicates, late events per hour (injected, and those that reached Kafka after their hour's batch
 * cutoff, which reconciliation labels {@code late-arrival}), poison by kind with offsets, per-hour
 * counts and sums, and the producer's figures.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    public static Map<String, Object> toMap(
            TruthReport report, Map<String, Object> run, Map<String, Object> producer) {
        TruthReport.TruthCounts c = report.counts();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topic", report.topic());
        root.put("run", run);
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("attempted", c.attempted());
        records.put("acknowledged", c.acknowledged());
        records.put("failed", c.failed());
        records.put("failed_by_kind", c.failedByKind());
        root.put("records", records);
        root.put("events_by_version", c.recordsByVersion());
        root.put("distinct_transactions", c.distinctTransactions());
        root.put("duplicates", c.duplicates());
        root.put("out_of_order", c.outOfOrderFaults());

        Map<String, Long> lateByHour = new TreeMap<>();
        Map<String, List<String>> afterCutoff = new TreeMap<>();
        Map<String, Map<String, Object>> hours = new TreeMap<>();
        for (TruthTransaction t : report.transactions()) {
            String hour = t.eventHour().toString();
            if (t.lateFault()) {
                lateByHour.merge(hour, 1L, Long::sum);
            }
            if (t.afterBatchCutoff()) {
                afterCutoff.computeIfAbsent(hour, h -> new ArrayList<>()).add(t.transactionId());
            }
            Map<String, Object> h = hours.computeIfAbsent(hour, x -> newHour());
            h.merge("transactions", 1L, (a, b) -> (Long) a + (Long) b);
            h.merge("amount_usd", t.amountUsd(), (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
            if (t.status().equals("APPROVED")) {
                h.merge(
                        "approved_amount_usd",
                        t.amountUsd(),
                        (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
            }
            if (t.status().equals("DECLINED")) {
                h.merge("declined", 1L, (a, b) -> (Long) a + (Long) b);
            }
            if (t.international()) {
                h.merge("international", 1L, (a, b) -> (Long) a + (Long) b);
            }
            if (t.afterBatchCutoff()) {
                h.merge("after_batch_cutoff", 1L, (a, b) -> (Long) a + (Long) b);
            }
        }
        report.hourlySpend()
                .forEach(
                        s ->
                                hours.get(s.hourStart().toString())
                                        .merge("accounts", 1L, (a, b) -> (Long) a + (Long) b));
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("injected", c.lateFaults());
        late.put("injected_by_hour", lateByHour);
        Map<String, Object> cutoff = new TreeMap<>();
        afterCutoff.forEach(
                (hour, ids) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("count", ids.size());
                    entry.put("transaction_ids", ids);
                    cutoff.put(hour, entry);
                });
        late.put("after_batch_cutoff_by_hour", cutoff);
        root.put("late", late);

        Map<String, Object> poison = new LinkedHashMap<>();
        poison.put("by_kind", c.poisonByKind());
        Map<String, Long> byReason = new TreeMap<>();
        List<Map<String, Object>> offsets = new ArrayList<>();
        for (DeadLetter d : report.deadLetters()) {
            byReason.merge(d.reason(), 1L, Long::sum);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", d.poisonKind());
            entry.put("reason", d.reason());
            entry.put("partition", d.partition());
            entry.put("offset", d.offset());
            entry.put("kafka_timestamp", d.kafkaTimestamp().toString());
            offsets.add(entry);
        }
        poison.put("by_reason", byReason);
        poison.put("records", offsets);
        root.put("poison", poison);
        root.put("hours", hours);
        root.put("producer", producer);
        return root;
    }

    public static void write(Path file, Map<String, Object> summary) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), summary);
    }

    private static Map<String, Object> newHour() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("transactions", 0L);
        h.put("accounts", 0L);
        h.put("amount_usd", new BigDecimal("0.00"));
        h.put("approved_amount_usd", new BigDecimal("0.00"));
        h.put("declined", 0L);
        h.put("international", 0L);
        h.put("after_batch_cutoff", 0L);
        return h;
    }

    static String iso(Instant instant) {
        return instant.toString();
    }
}
