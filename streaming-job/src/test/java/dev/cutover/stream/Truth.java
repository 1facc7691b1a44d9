package dev.cutover.stream;

import dev.cutover.model.rules.CardMasking;
import dev.cutover.model.rules.EventHours;
import dev.cutover.model.rules.FxRates;
import dev.cutover.model.rules.International;
import dev.cutover.model.rules.MerchantCategories;
import dev.cutover.stream.TestEvents.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected stream.* rows of a list of arrivals, computed with the model's rules alone (no
 * Flink): the first arrival of each transaction_id wins; hours aggregate the winners.
 */
public final class Truth {
    private Truth() {}

    /** An event as it sits in Kafka. */
    public record Arrival(Event event, int partition, long offset, Instant kafkaTimestamp) {}

    /** card_transactions columns, in table order (without written_at). */
    public static Map<String, List<Object>> cardTransactions(List<Arrival> arrivals) {
        Map<String, Arrival> first = new HashMap<>();
        Comparator<Arrival> order =
                Comparator.comparing(Arrival::kafkaTimestamp)
                        .thenComparingInt(Arrival::partition)
                        .thenComparingLong(Arrival::offset);
        for (Arrival a : arrivals) {
            first.merge(a.event().transactionId(), a, (x, y) -> order.compare(x, y) <= 0 ? x : y);
        }
        Map<String, List<Object>> rows = new TreeMap<>();
        first.forEach(
                (id, a) -> {
                    Event e = a.event();
                    rows.put(
                            id,
                            List.of(
                                    id,
                                    e.accountId(),
                                    e.eventTime(),
                                    EventHours.hourStart(e.eventTime()),
                                    e.amount(),
                                    e.currency(),
                                    FxRates.toUsd(e.amount(), e.currency()),
                                    MerchantCategories.of(e.mcc()),
                                    e.status(),
                                    International.isInternational(e.country()),
                                    CardMasking.mask(e.cardNumber()),
                                    a.kafkaTimestamp()));
                });
        return rows;
    }

    /** account_hourly_spend columns keyed by "account|hour" (without written_at). */
    public static Map<String, List<Object>> hourlySpend(List<Arrival> arrivals) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> sums = new HashMap<>();
        Map<String, Object[]> keys = new HashMap<>();
        for (List<Object> row : cardTransactions(arrivals).values()) {
            String account = (String) row.get(1);
            Instant hour = (Instant) row.get(3);
            BigDecimal usd = (BigDecimal) row.get(6);
            String status = (String) row.get(8);
            boolean international = (Boolean) row.get(9);
            String key = account + "|" + hour;
            keys.put(key, new Object[] {account, hour});
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            BigDecimal[] s =
                    sums.computeIfAbsent(key, k -> new BigDecimal[] {new BigDecimal("0.00"), null});
            c[0]++;
            if (status.equals("APPROVED")) {
                s[0] = s[0].add(usd);
            }
            if (status.equals("DECLINED")) {
                c[1]++;
            }
            if (international) {
                c[2]++;
            }
            s[1] = s[1] == null || usd.compareTo(s[1]) > 0 ? usd : s[1];
        }
        Map<String, List<Object>> rows = new TreeMap<>();
        counts.forEach(
                (key, c) ->
                        rows.put(
                                key,
                                List.of(
                                        keys.get(key)[0],
                                        keys.get(key)[1],
                                        c[0],
                                        sums.get(key)[0],
                                        c[1],
                                        c[2],
                                        sums.get(key)[1])));
        return rows;
    }
}
