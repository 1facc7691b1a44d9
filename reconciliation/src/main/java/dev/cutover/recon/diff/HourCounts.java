package dev.cutover.recon.diff;

import java.time.Instant;

/** Per UTC hour: keys that matched, differences explained, differences left unexplained. */
public record HourCounts(Instant hour, long matched, long explained, long unexplained) {
    HourCounts add(long matched, long explained, long unexplained) {
        return new HourCounts(
                hour,
                this.matched + matched,
                this.explained + explained,
                this.unexplained + unexplained);
    }
}
