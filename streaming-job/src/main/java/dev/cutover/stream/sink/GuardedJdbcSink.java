package dev.cutover.stream.sink;

import org.apache.flink.streaming.api.functions.sink.legacy.RichSinkFunction;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.legacy.SinkFunctionProvider;
import org.apache.flink.table.data.RowData;

/** The JDBC connector's table sink, its sink function wrapped in a {@link GuardedSinkFunction}. */
final class GuardedJdbcSink implements DynamicTableSink {
    private final DynamicTableSink jdbc;
    private final String database;
    private final String table;

    /**
     * @param database the database's URL without credentials or query, for messages
     */
    GuardedJdbcSink(DynamicTableSink jdbc, String database, String table) {
        this.jdbc = jdbc;
        this.database = database;
        this.table = table;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return jdbc.getChangelogMode(requestedMode);
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SinkRuntimeProvider provider = jdbc.getSinkRuntimeProvider(context);
        if (!(provider instanceof SinkFunctionProvider functions)
                || !(functions.createSinkFunction()
                        instanceof RichSinkFunction<RowData> function)) {
            throw new IllegalStateException(
                    "the JDBC connector's sink is a "
                            + provider.getClass().getName()
                            + ", not the rich sink function of connector 4.0.0-2.0 that "
                            + GuardedJdbcSinkFactory.IDENTIFIER
                            + " wraps");
        }
        return SinkFunctionProvider.of(
                new GuardedSinkFunction<>(function, database, table),
                functions.getParallelism().orElse(null));
    }

    @Override
    public DynamicTableSink copy() {
        return new GuardedJdbcSink(jdbc.copy(), database, table);
    }

    @Override
    public String asSummaryString() {
        return jdbc.asSummaryString();
    }
}
