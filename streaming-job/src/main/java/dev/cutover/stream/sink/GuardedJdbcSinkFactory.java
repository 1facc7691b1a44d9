package dev.cutover.stream.sink;

import dev.cutover.contract.Redact;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;

/**
 * The {@code 'connector' = 'cutover-jdbc'} tables of {@code sql/jdbc_sinks.sql}: the JDBC
 * connector's sink (flink-connector-jdbc 4.0.0-2.0, same options), guarded by {@link
 * GuardedSinkFunction} so that losing the database fails the sink's task, which the job's restart
 * strategy restarts, and never ends its TaskManager.
 */
public final class GuardedJdbcSinkFactory implements DynamicTableSinkFactory {
    public static final String IDENTIFIER = "cutover-jdbc";

    private final JdbcDynamicTableFactory jdbc = new JdbcDynamicTableFactory();

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return jdbc.requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return jdbc.optionalOptions();
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        var options = context.getCatalogTable().getOptions();
        return new GuardedJdbcSink(
                jdbc.createDynamicTableSink(context),
                Redact.jdbcAddress(options.get("url")),
                options.get("table-name"));
    }
}
