package dev.cutover.loadgen.truth;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code truth.card_transactions}: a distinct transaction as the pipelines must write
 * it, plus where it first arrived and whether it was injected late / reached Kafka after its hour's
 * batch cutoff (those two are not columns: the summary carries them).
 */
public record TruthTransaction(
        String transactionId,
        String accountId,
        Instant eventTime,
        Instant eventHour,
        BigDecimal amount,
        String currency,
        BigDecimal amountUsd,
        String merchantCategory,
        String status,
        boolean international,
        String maskedCard,
        Instant kafkaTimestamp,
        int partition,
        long offset,
        String schemaVersion,
        boolean lateFault,
        boolean afterBatchCutoff) {}
