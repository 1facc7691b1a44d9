package dev.cutover.loadgen.truth;

import dev.cutover.loadgen.generate.EventGenerator;
import dev.cutover.loadgen.generate.GeneratedRecord;
import dev.cutover.loadgen.generate.RecordKind;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.rules.CardMasking;
import dev.cutover.model.rules.EventHours;
import dev.cutover.model.rules.FxRates;
import dev.cutover.model.rules.International;
import dev.cutover.model.rules.MerchantCategories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Collects what Kafka acknowledged during a run (fed from the producer callbacks) and computes the
 * ground truth from it. Only acknowledged records count; for a transaction sent more than once the
 * first arrival (smallest timestamp, partition, offset) wins. Thread-safe.
 *
 * <p>The semantics are those of docs/semantics.md: the rows ({@link #row}) and the hourly
 * aggregation ({@link #hourlySpend}) are written here once more, independently of the Flink SQL and
 * the Spark transform, and {@link #of} computes the truth of arrivals given directly (the golden
 * fixture's test runs it against hand-written rows).
 */
public final class GroundTruth {
    private final String topic;
    private final Arrivals firstArrival;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final AtomicLongArray recordsByVersion =
            new AtomicLongArray(CardTransactionSchemas.values().length);
    private final Map<String, AtomicLong> poisonByKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failedByKind = new ConcurrentHashMap<>();
    private final AtomicLong eventRecords = new AtomicLong();
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** For a run of unknown length. */
    public GroundTruth(String topic) {
        this(topic, -1);
    }

    /**
     * @param knownRecords how many records the run sends at most (positions 0 to n-1), or -1
     */
    public GroundTruth(String topic, long knownRecords) {
        this.topic = topic;
        this.firstArrival = Arrivals.forRun(knownRecords);
    }

    public void attempted(GeneratedRecord record) {
        attempted.incrementAndGet();
    }

    public void acknowledged(GeneratedRecord record, int partition, long offset, long timestamp) {
        if (record.kind() != RecordKind.POISON) {
            acknowledgedEvent(
                    record.sourcePosition(), record.version(), partition, offset, timestamp);
            return;
        }
        acknowledged.incrementAndGet();
        poisonByKind
                .computeIfAbsent(record.poisonKind().label(), k -> new AtomicLong())
                .incrementAndGet();
        DeadLetter letter =
                new DeadLetter(
                        topic,
                        partition,
                        offset,
                        Instant.ofEpochMilli(timestamp),
                        record.poisonKind().label(),
                        record.poisonReason(),
                        record.poisonDetail(),
                        Base64.getEncoder().encodeToString(record.value()));
        synchronized (deadLetters) {
            deadLetters.add(letter);
        }
    }

    /**
     * An acknowledged event or duplicate, given only what the truth keeps of it: the producer
     * callback's path, which need not hold on to the record's bytes until the acknowledgement.
     */
    public void acknowledgedEvent(
            long sourcePosition,
            CardTransactionSchemas version,
            int partition,
            long offset,
            long timestamp) {
        acknowledged.incrementAndGet();
        eventRecords.incrementAndGet();
        recordsByVersion.incrementAndGet(version.ordinal());
        firstArrival.merge(sourcePosition, timestamp, partition, offset);
    }

    public void failed(GeneratedRecord record) {
        failed(record.kind());
    }

    public void failed(RecordKind kind) {
        failed.incrementAndGet();
        failedByKind
                .computeIfAbsent(kind.name().toLowerCase(), k -> new AtomicLong())
                .incrementAndGet();
    }

    public long acknowledgedCount() {
        return acknowledged.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /**
     * The truth of what was acknowledged so far. Transactions are regenerated from their positions
     * (events are pure functions of seed and position), so only arrivals are kept during the run.
     */
    public TruthReport compute(EventGenerator generator, Duration grace) {
        List<TruthTransaction> rows = new ArrayList<>(firstArrival.size());
        long[] faults = new long[2];
        firstArrival.forEach(
                (arrival, position) -> {
                    CardTransaction t = generator.transaction(position);
                    boolean late = generator.isLateFault(position);
                    faults[0] += late ? 1 : 0;
                    faults[1] += generator.isOutOfOrderFault(position) ? 1 : 0;
                    rows.add(row(t, arrival, generator.version(position).label(), late, grace));
                });
        long lateFaults = faults[0];
        long outOfOrderFaults = faults[1];
        rows.sort(Comparator.comparing(TruthTransaction::transactionId));
        List<DeadLetter> letters;
        synchronized (deadLetters) {
            letters = new ArrayList<>(deadLetters);
        }
        letters.sort(
                Comparator.comparingInt(DeadLetter::partition)
                        .thenComparingLong(DeadLetter::offset));
        TruthReport.TruthCounts counts =
                new TruthReport.TruthCounts(
                        attempted.get(),
                        acknowledged.get(),
                        failed.get(),
                        versions(),
                        rows.size(),
                        eventRecords.get() - rows.size(),
                        lateFaults,
                        outOfOrderFaults,
                        snapshot(poisonByKind),
                        snapshot(failedByKind));
        return new TruthReport(topic, rows, hourlySpend(rows), letters, counts);
    }

    /** An acknowledged event given directly: the transaction, its schema version, its arrival. */
    public record AcknowledgedEvent(
            CardTransaction transaction, CardTransactionSchemas version, Arrival arrival) {}

    /**
     * The truth of {@code events} and {@code deadLetters} as they arrived, without a generator: for
     * each {@code transaction_id} the first arrival ({@link Arrival#FIRST}) wins, with its content,
     * then {@link #row} and {@link #hourlySpend} as for a generated run. Counts of faults the
     * generator injects (late, out of order) are 0: arrivals carry no such label.
     */
    public static TruthReport of(
            String topic,
            List<AcknowledgedEvent> events,
            List<DeadLetter> deadLetters,
            Duration grace) {
        Map<String, AcknowledgedEvent> first = new TreeMap<>();
        Map<String, Long> versions = new TreeMap<>();
        for (AcknowledgedEvent e : events) {
            first.merge(
                    e.transaction().getTransactionId().toString(),
                    e,
                    (a, b) -> a.arrival().compareTo(b.arrival()) <= 0 ? a : b);
            versions.merge(e.version().label(), 1L, Long::sum);
        }
        List<TruthTransaction> rows = new ArrayList<>();
        first.values()
                .forEach(
                        e ->
                                rows.add(
                                        row(
                                                e.transaction(),
                                                e.arrival(),
                                                e.version().label(),
                                                false,
                                                grace)));
        List<DeadLetter> letters = new ArrayList<>(deadLetters);
        letters.sort(
                Comparator.comparingInt(DeadLetter::partition)
                        .thenComparingLong(DeadLetter::offset));
        Map<String, Long> poison = new TreeMap<>();
        letters.forEach(d -> poison.merge(d.poisonKind(), 1L, Long::sum));
        long records = events.size() + (long) letters.size();
        TruthReport.TruthCounts counts =
                new TruthReport.TruthCounts(
                        records,
                        records,
                        0,
                        versions,
                        rows.size(),
                        events.size() - rows.size(),
                        0,
                        0,
                        poison,
                        Map.of());
        return new TruthReport(topic, rows, hourlySpend(rows), letters, counts);
    }

    /** The truth row of a transaction whose first acknowledged arrival is {@code arrival}. */
    public static TruthTransaction row(
            CardTransaction t, Arrival arrival, String version, boolean late, Duration grace) {
        Instant eventTime = t.getEventTime();
        Instant kafkaTimestamp = Instant.ofEpochMilli(arrival.timestampMillis());
        String currency = t.getCurrency().name();
        return new TruthTransaction(
                t.getTransactionId().toString(),
                t.getAccountId(),
                eventTime,
                EventHours.hourStart(eventTime),
                t.getAmount(),
                currency,
                FxRates.toUsd(t.getAmount(), currency),
                MerchantCategories.of(t.getMerchant().getMcc()),
                t.getStatus().name(),
                International.isInternational(t.getMerchant().getCountry()),
                CardMasking.mask(t.getCardNumber()),
                kafkaTimestamp,
                arrival.partition(),
                arrival.offset(),
                version,
                late,
                !EventHours.arrivesBeforeCutoff(eventTime, kafkaTimestamp, grace));
    }

    /** {@code account_hourly_spend} of DESIGN.md, from the distinct transactions. */
    public static List<HourlySpend> hourlySpend(List<TruthTransaction> rows) {
        record Key(String account, Instant hour) {}
        Map<Key, long[]> counts =
                new TreeMap<>(Comparator.comparing(Key::account).thenComparing(Key::hour));
        Map<Key, BigDecimal[]> sums = new java.util.HashMap<>();
        for (TruthTransaction row : rows) {
            Key key = new Key(row.accountId(), row.eventHour());
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            BigDecimal[] s =
                    sums.computeIfAbsent(
                            key, k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2), null});
            c[0]++;
            if (row.status().equals("APPROVED")) {
                s[0] = s[0].add(row.amountUsd());
            }
            if (row.status().equals("DECLINED")) {
                c[1]++;
            }
            if (row.international()) {
                c[2]++;
            }
            if (s[1] == null || row.amountUsd().compareTo(s[1]) > 0) {
                s[1] = row.amountUsd();
            }
        }
        List<HourlySpend> result = new ArrayList<>(counts.size());
        counts.forEach(
                (key, c) -> {
                    BigDecimal[] s = sums.get(key);
                    result.add(
                            new HourlySpend(
                                    key.account(), key.hour(), c[0], s[0], c[1], c[2], s[1]));
                });
        return result;
    }

    private Map<String, Long> versions() {
        Map<String, Long> copy = new TreeMap<>();
        for (CardTransactionSchemas v : CardTransactionSchemas.values()) {
            if (recordsByVersion.get(v.ordinal()) > 0) {
                copy.put(v.label(), recordsByVersion.get(v.ordinal()));
            }
        }
        return copy;
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
