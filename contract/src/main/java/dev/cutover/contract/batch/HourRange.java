package dev.cutover.contract.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Whole UTC hours {@code [from, to)}: what one batch invocation runs, one hour after another. */
public record HourRange(Instant from, Instant to) {
    public HourRange {
        requireHourStart("from", from);
        requireHourStart("to", to);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "the range of hours must end after it starts: [" + from + ", " + to + ")");
        }
    }

    /** The one hour starting at {@code hour}. */
    public static HourRange of(Instant hour) {
        return new HourRange(hour, hour.plus(Duration.ofHours(1)));
    }

    public boolean single() {
        return Duration.between(from, to).toHours() == 1;
    }

    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        return hours;
    }

    /**
     * {@code YYYY-MM-DDTHH:00Z} (or with seconds, or an offset): the start of an hour.
     *
     * @param option names the value in the message
     */
    public static Instant parseHour(String option, String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    option + " " + text + " is not an hour like YYYY-MM-DDTHH:00Z");
        }
        if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
            throw new IllegalArgumentException(
                    option + " " + text + " is not the start of an hour");
        }
        return instant;
    }

    private static void requireHourStart(String what, Instant instant) {
        if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
            throw new IllegalArgumentException(
                    what + " " + instant + " is not the start of an hour");
        }
    }

    @Override
    public String toString() {
        return single() ? from.toString() : "[" + from + ", " + to + ")";
    }
}
