package dev.cutover.loadgen.truth;

import java.time.Instant;

/**
 * One row of {@code truth.dead_letters}: a poison record Kafka acknowledged, with the {@code
 * DecodeFailure} code the model's decoder reports for it.
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant kafkaTimestamp,
        String poisonKind,
        String reason,
        String detail,
        String rawBase64) {}
