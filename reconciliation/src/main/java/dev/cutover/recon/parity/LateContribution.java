package dev.cutover.recon.parity;

import java.math.BigDecimal;

/** What one account-hour's late transactions add to its {@code account_hourly_spend} row. */
record LateContribution(
        long txnCount,
        BigDecimal approvedAmountUsd,
        long declinedCount,
        long internationalCount,
        BigDecimal maxAmountUsd) {}
