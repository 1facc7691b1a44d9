package dev.cutover.stream.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Collapses duplicates of a {@code transaction_id} (the key): the FIRST arrival wins, i.e. the
 * smallest (Kafka timestamp, partition, offset), whatever order the copies are processed in. Emits
 * a changelog: {@code +I} for the first copy seen, and {@code -U old, +U new} when a copy that
 * arrived earlier shows up later (from another partition). Later arrivals are dropped.
 *
 * <p>Why not SQL {@code ROW_NUMBER() ... = 1}: on Flink 2.2.1 the planner runs that Top-N over an
 * insert-only input as an insert-only "AppendFast" rank, so the aggregation downstream never sees
 * the displaced copy retracted and counts duplicates twice (TransformSqlTest shows the case).
 *
 * <p>Input and output are {@link DedupRows} (the columns the SQL reads and the Kafka position), so
 * the state holds only those, as one byte array per transaction ({@link DedupRows#STATE_TYPE}).
 */
public final class FirstArrivalFunction extends KeyedProcessFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Duration stateTtl;
    private transient ValueState<byte[]> winner;
    private transient DataOutputSerializer buffer;

    /** {@code stateTtl} zero keeps every key forever. */
    public FirstArrivalFunction(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> descriptor =
                new ValueStateDescriptor<>("first-arrival", DedupRows.STATE_TYPE);
        if (!stateTtl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        }
        winner = getRuntimeContext().getState(descriptor);
        buffer = new DataOutputSerializer(128);
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) throws Exception {
        // The state keeps the winner as bytes of its own (DedupRows.stateOf, without the key,
        // which the state already holds). The input row is emitted itself: a keyed input always
        // comes from the network, which deserializes a new row per record whatever the object
        // reuse.
        byte[] current = winner.value();
        if (current == null) {
            winner.update(DedupRows.stateOf(row, buffer));
            out.collect(withKind(row, RowKind.INSERT));
        } else if (DedupRows.earlier(row, current)) {
            Row before = DedupRows.fromState(context.getCurrentKey(), current);
            before.setKind(RowKind.UPDATE_BEFORE);
            winner.update(DedupRows.stateOf(row, buffer));
            out.collect(before);
            out.collect(withKind(row, RowKind.UPDATE_AFTER));
        }
    }

    private static Row withKind(Row row, RowKind kind) {
        row.setKind(kind);
        return row;
    }
}
