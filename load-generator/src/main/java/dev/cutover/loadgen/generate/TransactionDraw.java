package dev.cutover.loadgen.generate;

import dev.cutover.model.Channel;
import dev.cutover.model.Status;

/**
 * The random draws that make up one transaction, as primitives and table indexes: what the
 * generator encodes on its hot path and turns into a {@code CardTransaction} only when asked (for
 * the truth). Mutable and reused: one per generator.
 */
final class TransactionDraw {
    int account;
    int merchant;
    boolean v2;
    long uuidMostSignificant;
    long uuidLeastSignificant;

    /** The amount in the currency's minor units (scale 2). */
    long amountUnscaled;

    Status status;

    /** Null when the channel is unknown. */
    Channel channel;

    long eventTimeMillis;

    /** Index in {@link EncodedConstants#ENTRY_MODES}. */
    int entryMode;

    /** 1 to {@link EncodedConstants#TERMINALS}, or 0 for no {@code terminal_id} attribute. */
    int terminal;

    boolean hasDevice;
    long deviceBits;

    /** 0 to {@link EncodedConstants#FX_HINT_STEPS} - 1, or -1 for no {@code fx_rate_hint}. */
    int fxHintStep;
}
