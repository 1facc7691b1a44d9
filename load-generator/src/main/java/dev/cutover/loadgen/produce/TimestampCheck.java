package dev.cutover.loadgen.produce;

import dev.cutover.loadgen.config.GeneratorOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the Kafka timestamps a run will produce are ones its topic keeps and accepts, decided
 * before anything is sent. Record {@code i} is stamped {@code start + i × interval} (the simulated
 * clock) and sent no earlier than {@code now + i / rate}; both are linear in {@code i}, so the
 * first and the last record bound every other one.
 *
 * <ul>
 *   <li>Old side: Kafka deletes records once their timestamp is older than the topic's {@code
 *       retention.ms}. A run whose oldest record would be deleted within {@link
 *       #retentionMargin(Duration) a margin} of being sent is refused: the pipelines could not read
 *       it. The broker also rejects timestamps older than {@code message.timestamp.before.max.ms}.
 *   <li>New side: the broker rejects timestamps more than {@code message.timestamp.after.max.ms} (1
 *       h by default) ahead of its clock at the time of the send.
 * </ul>
 *
 * With {@code --rate 0} and a {@code --duration}, how many records are sent is not known in
 * advance: the check then returns how many may be sent before the timestamps run too far ahead.
 */
public final class TimestampCheck {

    /** The run would send records its topic deletes or rejects. */
    public static final class OutOfRange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Optional<Instant> earliestStart;
        private final transient Optional<Instant> latestStart;

        OutOfRange(String message, Optional<Instant> earliestStart, Optional<Instant> latestStart) {
            super(message);
            this.earliestStart = earliestStart;
            this.latestStart = latestStart;
        }

        /** The earliest first timestamp the run could have, all else equal, when one exists. */
        public Optional<Instant> earliestStart() {
            return earliestStart;
        }

        /** The latest first timestamp the run could have, all else equal, when one exists. */
        public Optional<Instant> latestStart() {
            return latestStart;
        }
    }

    /** Limits beyond a century are no limits (and would overflow an {@link Instant}). */
    private static final long FOREVER = Duration.ofDays(36_500).toMillis();

    private TimestampCheck() {}

    /**
     * @param now the broker's clock, as well as we know it (this machine's)
     * @return how many records the run may send, when that is fewer than it would send otherwise
     *     (only with {@code --rate 0} and a {@code --duration}); empty when every record fits
     * @throws OutOfRange when some record would be deleted before it could be read, or rejected
     */
    public static OptionalLong check(GeneratorOptions options, TopicLimits limits, Instant now) {
        if (limits.logAppendTime()) {
            checkAppendTime(options, limits, now);
            return OptionalLong.empty();
        }
        double interval = options.simulatedIntervalMillis();
        double spacing = options.rate() > 0 ? 1000.0 / options.rate() : 0;
        long startMillis = options.start().toEpochMilli();
        long nowMillis = now.toEpochMilli();
        OptionalLong planned = plannedRecords(options);
        long last = planned.isPresent() ? Math.max(0, planned.getAsLong() - 1) : 0;

        // Ahead of the send: ts(i) - send(i) = start - now + i × (interval - spacing).
        long aheadLimit = limits.maxAhead().minus(futureMargin(limits.maxAhead())).toMillis();
        double drift = interval - spacing;
        double aheadFirst = startMillis - nowMillis;
        double aheadLast = aheadFirst + last * drift;
        // Age at the send: send(i) - ts(i), the other way round.
        double ageWorst = -Math.min(aheadFirst, aheadLast);
        long keepLimit =
                limits.retention()
                        .map(r -> r.minus(retentionMargin(r)).toMillis())
                        .orElse(Long.MAX_VALUE);
        long behindLimit = limits.maxBehind().toMillis();

        long oldestLimit = Math.min(keepLimit, behindLimit);
        Optional<Instant> earliestStart =
                oldestLimit > FOREVER
                        ? Optional.empty()
                        : Optional.of(
                                now.minusMillis(oldestLimit)
                                        .plusMillis(Math.round(Math.max(0, -last * drift)))
                                        .truncatedTo(ChronoUnit.MINUTES)
                                        .plus(Duration.ofMinutes(1)));
        Optional<Instant> latestStart =
                Optional.of(
                        now.plusMillis(aheadLimit)
                                .minusMillis(Math.round(Math.max(0, last * drift)))
                                .truncatedTo(ChronoUnit.MINUTES));
        if (earliestStart.isPresent() && earliestStart.get().isAfter(latestStart.get())) {
            earliestStart = Optional.empty();
            latestStart = Optional.empty();
        }

        long oldestMillis =
                startMillis + (aheadFirst <= aheadLast ? 0 : Math.round(last * interval));
        if (ageWorst > keepLimit) {
            Duration retention = limits.retention().orElseThrow();
            throw new OutOfRange(
                    "topic "
                            + limits.topic()
                            + " keeps records for "
                            + human(retention)
                            + " (retention.ms "
                            + retention.toMillis()
                            + "): the run's oldest record would be stamped "
                            + stamp(oldestMillis)
                            + (ageWorst > retention.toMillis()
                                    ? ", older than that when it is sent"
                                    : ", which Kafka deletes less than "
                                            + human(retentionMargin(retention))
                                            + " after it is sent")
                            + ", before any pipeline could read it",
                    earliestStart,
                    latestStart);
        }
        if (ageWorst > behindLimit) {
            throw new OutOfRange(
                    "topic "
                            + limits.topic()
                            + " rejects timestamps more than "
                            + human(limits.maxBehind())
                            + " behind the broker's clock (message.timestamp.before.max.ms "
                            + behindLimit
                            + "): the run's oldest record would be stamped "
                            + stamp(oldestMillis),
                    earliestStart,
                    latestStart);
        }
        if (aheadFirst > aheadLimit) {
            throw tooNew(limits, 0, startMillis, nowMillis, earliestStart, latestStart);
        }
        if (planned.isPresent()) {
            if (aheadLast > aheadLimit) {
                throw tooNew(
                        limits,
                        last,
                        startMillis + (long) Math.floor(last * interval),
                        nowMillis + Math.round(last * spacing),
                        earliestStart,
                        latestStart);
            }
            return OptionalLong.empty();
        }
        // --rate 0 and --duration: every record may go out at once, so it must fit as of now.
        return OptionalLong.of(1 + (long) Math.floor((aheadLimit - aheadFirst) / interval));
    }

    /**
     * How long before its deletion a record must at least be sent, so the pipelines can still read
     * it: a tenth of the retention, at most an hour.
     */
    static Duration retentionMargin(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        return tenth.compareTo(Duration.ofHours(1)) < 0 ? tenth : Duration.ofHours(1);
    }

    /** Room left for clock skew and send delays: a tenth of the limit, at most 5 minutes. */
    static Duration futureMargin(Duration maxAhead) {
        Duration tenth = maxAhead.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(5)) < 0 ? tenth : Duration.ofMinutes(5);
    }

    /** The records a run will send, when that is known before it starts. */
    static OptionalLong plannedRecords(GeneratorOptions options) {
        if (options.events().isPresent()) {
            return options.events();
        }
        if (options.rate() > 0) {
            double seconds = options.duration().orElseThrow().toMillis() / 1000.0;
            return OptionalLong.of((long) Math.ceil(seconds * options.rate()));
        }
        return OptionalLong.empty();
    }

    private static void checkAppendTime(GeneratorOptions options, TopicLimits limits, Instant now) {
        boolean simulated =
                options.speedup() != 1
                        || Duration.between(options.start(), now)
                                        .abs()
                                        .compareTo(Duration.ofMinutes(1))
                                > 0;
        if (simulated) {
            throw new OutOfRange(
                    "topic "
                            + limits.topic()
                            + " is stamped by the broker's clock (message.timestamp.type"
                            + " LogAppendTime), so a simulated clock (a --start in the past or"
                            + " future, a --speedup other than 1) cannot be kept: use a topic with"
                            + " message.timestamp.type CreateTime",
                    Optional.empty(),
                    Optional.empty());
        }
    }

    private static OutOfRange tooNew(
            TopicLimits limits,
            long position,
            long timestampMillis,
            long sendMillis,
            Optional<Instant> earliestStart,
            Optional<Instant> latestStart) {
        return new OutOfRange(
                "topic "
                        + limits.topic()
                        + " rejects timestamps more than "
                        + human(limits.maxAhead())
                        + " ahead of the broker's clock (message.timestamp.after.max.ms "
                        + limits.maxAhead().toMillis()
                        + "): record "
                        + position
                        + " would be stamped "
                        + stamp(timestampMillis)
                        + " and sent around "
                        + stamp(sendMillis),
                earliestStart,
                latestStart);
    }

    private static String stamp(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 7d}, {@code 1h}, {@code 6m}, {@code 30s}: the largest whole unit. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s >= 3_600 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s >= 60 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s >= 1 ? s + "s" : d.toMillis() + "ms";
    }
}
