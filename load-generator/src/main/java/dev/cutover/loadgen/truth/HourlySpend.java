package dev.cutover.loadgen.truth;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code truth.account_hourly_spend} (DESIGN.md semantics). */
public record HourlySpend(
        String accountId,
        Instant hourStart,
        long txnCount,
        BigDecimal approvedAmountUsd,
        long declinedCount,
        long internationalCount,
        BigDecimal maxAmountUsd) {}
