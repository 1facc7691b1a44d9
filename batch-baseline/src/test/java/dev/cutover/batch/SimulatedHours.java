package dev.cutover.batch;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.rules.EventHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded fixture of a few simulated hours of traffic: events with ordinary, within-grace and too
 * late arrivals, resent duplicates and poison values, each as a Kafka record with its partition,
 * timestamp (the simulated arrival) and value. Records come sorted by arrival, as a broker would
 * receive them.
 */
public final class SimulatedHours {
    private static final String[] CURRENCIES = {"USD", "USD", "EUR", "GBP", "CAD", "JPY", "MXN"};
    private static final String[] STATUSES = {
        "APPROVED", "APPROVED", "APPROVED", "DECLINED", "REVERSED"
    };
    private static final String[] COUNTRIES = {"US", "US", "US", "FR", "MX"};
    private static final String[] MCCS = {"5814", "5411", "3001", "5541", "7995", "12"};

    /** One record sent to Kafka; {@code event} is null for poison. */
    public record Sent(int partition, Instant arrival, byte[] value, TestEvent event) {}

    private final List<TestEvent> events = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    /**
     * @param firstHour the first simulated hour
     * @param hours how many hours of events
     * @param perHour events per hour
     * @param v1Id registry id of schema v1, {@code v2Id} of v2
     */
    public static SimulatedHours generate(
            long seed,
            Instant firstHour,
            int hours,
            int perHour,
            int partitions,
            int v1Id,
            int v2Id) {
        Random random = new Random(seed);
        SimulatedHours traffic = new SimulatedHours();
        for (int h = 0; h < hours; h++) {
            Instant hour = firstHour.plus(Duration.ofHours(h));
            for (int i = 0; i < perHour; i++) {
                Instant eventTime = hour.plusMillis(random.nextInt(3_600_000));
                String account = "acct-" + random.nextInt(8);
                String amount = (1 + random.nextInt(50_000)) / 100 + "." + pad(random.nextInt(100));
                TestEvent event =
                        new TestEvent(
                                TestEvent.idOf("h" + h + "-e" + i + "-" + seed),
                                account,
                                amount,
                                pick(random, CURRENCIES),
                                eventTime,
                                pick(random, STATUSES),
                                pick(random, MCCS),
                                pick(random, COUNTRIES),
                                "4000" + (100_000_000_000L + random.nextInt(1_000_000_000)));
                traffic.events.add(event);
                int partition = Math.floorMod(account.hashCode(), partitions);
                boolean v1 = random.nextBoolean();
                byte[] value =
                        v1
                                ? event.encode(v1Id, CardTransactionSchemas.V1)
                                : event.encode(v2Id, CardTransactionSchemas.V2);
                int roll = random.nextInt(100);
                Duration delay =
                        roll < 80
                                ? Duration.ofMillis(random.nextInt(120_000)) // on time
                                : Duration.ofMinutes(15 + random.nextInt(40)); // late
                Instant arrival = eventTime.plus(delay);
                traffic.sent.add(new Sent(partition, arrival, value, event));
                if (random.nextInt(100) < 15) { // a resend, same payload, some after the cutoff
                    Instant again = arrival.plus(Duration.ofMinutes(random.nextInt(30)));
                    traffic.sent.add(new Sent(partition, again, value, event));
                }
            }
            for (int p = 0; p < 3; p++) {
                byte[] poison =
                        switch (p) {
                            case 0 -> new byte[] {7, 1, 2, 3, 4, 5};
                            case 1 -> new byte[] {0, 0, 0, 0x7f, 0x7f, 1};
                            default -> new byte[] {0, 0};
                        };
                traffic.sent.add(
                        new Sent(
                                random.nextInt(partitions),
                                hour.plusMillis(random.nextInt(3_600_000)),
                                poison,
                                null));
            }
        }
        traffic.sent.sort(Comparator.comparing(Sent::arrival));
        return traffic;
    }

    public List<Sent> sent() {
        return sent;
    }

    /** The first arrival of an event (its copies all carry the same payload). */
    public Instant firstArrival(TestEvent event) {
        return sent.stream()
                .filter(s -> s.event() == event)
                .map(Sent::arrival)
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** The events the batch for {@code hour} must keep: of the hour, arriving before its cutoff. */
    public List<TestEvent> expectedIn(Instant hour, Duration grace) {
        Instant cutoff = EventHours.batchCutoff(hour, grace);
        return events.stream()
                .filter(e -> EventHours.hourStart(e.eventTime()).equals(hour))
                .filter(e -> firstArrival(e).isBefore(cutoff))
                .toList();
    }

    /** Events of {@code hour} whose first copy arrived after its cutoff: no batch may hold them. */
    public List<TestEvent> tooLateFor(Instant hour, Duration grace) {
        Instant cutoff = EventHours.batchCutoff(hour, grace);
        return events.stream()
                .filter(e -> EventHours.hourStart(e.eventTime()).equals(hour))
                .filter(e -> !firstArrival(e).isBefore(cutoff))
                .toList();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String pad(int cents) {
        return cents < 10 ? "0" + cents : String.valueOf(cents);
    }
}
