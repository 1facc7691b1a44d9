package dev.cutover.recon.parity;

import dev.cutover.recon.diff.DiffSpec;
import dev.cutover.recon.diff.Difference;
import dev.cutover.recon.diff.DifferenceClassifier;
import dev.cutover.recon.diff.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Causes of {@code account_hourly_spend} differences against the batch: a row of the complete side
 * that differs from the batch's by exactly what its late transactions contribute (or that only the
 * complete side has, and consists of late transactions only) is a {@code late-arrival}.
 */
final class LateHourlySpend implements DifferenceClassifier {
    /** Account and hour of a contribution. */
    record AccountHour(String accountId, Instant hour) {}

    private final Map<AccountHour, LateContribution> late;

    LateHourlySpend(Map<AccountHour, LateContribution> late) {
        this.late = late;
    }

    @Override
    public Optional<String> classify(Difference difference, DiffSpec spec) {
        Row complete = difference.left();
        if (complete == null
                || (difference.kind() != Difference.Kind.ONLY_IN_LEFT
                        && difference.kind() != Difference.Kind.MISMATCH)) {
            return Optional.empty();
        }
        if (!(spec.value(complete, "account_id") instanceof String account)
                || !(spec.value(complete, "hour_start") instanceof Instant hour)) {
            return Optional.empty();
        }
        LateContribution contribution = late.get(new AccountHour(account, hour));
        if (contribution == null) {
            return Optional.empty();
        }
        Row batch = difference.right();
        boolean explained =
                count(spec, complete, "txn_count") - count(spec, batch, "txn_count")
                                == contribution.txnCount()
                        && amount(spec, complete, "approved_amount_usd")
                                        .subtract(amount(spec, batch, "approved_amount_usd"))
                                        .compareTo(contribution.approvedAmountUsd())
                                == 0
                        && count(spec, complete, "declined_count")
                                        - count(spec, batch, "declined_count")
                                == contribution.declinedCount()
                        && count(spec, complete, "international_count")
                                        - count(spec, batch, "international_count")
                                == contribution.internationalCount()
                        && maxExplained(spec, complete, batch, contribution);
        return explained ? Optional.of(LateArrivals.LATE_ARRIVAL) : Optional.empty();
    }

    private static boolean maxExplained(
            DiffSpec spec, Row complete, Row batch, LateContribution contribution) {
        BigDecimal completeMax = (BigDecimal) spec.value(complete, "max_amount_usd");
        if (completeMax == null) {
            return false;
        }
        BigDecimal expected =
                batch == null
                        ? contribution.maxAmountUsd()
                        : ((BigDecimal) spec.value(batch, "max_amount_usd"))
                                .max(contribution.maxAmountUsd());
        return completeMax.compareTo(expected) == 0;
    }

    private static long count(DiffSpec spec, Row row, String column) {
        return row == null || !(spec.value(row, column) instanceof BigDecimal n)
                ? 0
                : n.longValue();
    }

    private static BigDecimal amount(DiffSpec spec, Row row, String column) {
        return row == null || !(spec.value(row, column) instanceof BigDecimal n)
                ? BigDecimal.ZERO
                : n;
    }
}
