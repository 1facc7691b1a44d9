package dev.cutover.loadgen.generate;

import dev.cutover.model.CardTransactionSchemas;

/**
 * One record to send: key and value bytes, the Kafka timestamp (simulated arrival, epoch millis),
 * and what it is.
 *
 * @param position its position in the run
 * @param kind event, duplicate or poison
 * @param sourcePosition the position whose transaction it carries (its own for an event, the
 *     original's for a duplicate, its own for poison)
 * @param version the schema version the value is written with (for poison: the one it imitates)
 * @param key the account id's bytes, one array per account shared by its records: do not modify
 * @param late whether it is a late-arrival fault
 * @param outOfOrder whether it is an out-of-order fault
 * @param poisonKind the kind of poison, or null
 * @param poisonReason the {@code DecodeFailure} code a decoder reports for it, or null
 * @param poisonDetail the decoder's message, or null
 */
public record GeneratedRecord(
        long position,
        RecordKind kind,
        long sourcePosition,
        CardTransactionSchemas version,
        byte[] key,
        byte[] value,
        long timestampMillis,
        boolean late,
        boolean outOfOrder,
        PoisonKind poisonKind,
        String poisonReason,
        String poisonDetail) {}
