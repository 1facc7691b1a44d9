package dev.cutover.batch.io;

import dev.cutover.contract.SqlResource;
import dev.cutover.model.db.OutputTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The output tables and the batch's own {@code runs} table ({@code db/batch}, a Flyway history of
 * its own: {@value #HISTORY_TABLE}), and the offsets of an hour's latest run.
 */
public final class RunsTable {
    public static final String HISTORY_TABLE = "flyway_batch_runs_history";
    static final String LOCATION = "classpath:db/batch";

    private final JdbcTarget target;

    public RunsTable(JdbcTarget target) {
        this.target = target;
    }

    /** Creates or upgrades the output tables and {@code runs}; applying again changes nothing. */
    public void migrate() {
        OutputTables.migrateSchema(target.url(), target.user(), target.password(), target.schema());
        Flyway.configure(RunsTable.class.getClassLoader())
                .dataSource(target.url(), target.user(), target.password())
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                // The schema already holds the output tables (their own history): start from 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /** A previous run's offsets, which a rerun of the hour reads again. */
    public record PreviousRun(UUID runId, TopicOffsets offsets) {}

    public Optional<PreviousRun> latest(String topic, Instant hourStart) throws SQLException {
        SqlResource sql = SqlResource.of(PostgresSink.STATEMENTS).with("SCHEMA", target.schema());
        try (Connection connection = target.connect();
                PreparedStatement statement =
                        connection.prepareStatement(sql.statement("latest-run"))) {
            statement.setString(1, topic);
            statement.setObject(2, PostgresSink.utc(hourStart));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new PreviousRun(
                                rows.getObject("run_id", UUID.class),
                                new TopicOffsets(
                                        topic,
                                        TopicOffsets.fromJson(rows.getString("start_offsets")),
                                        TopicOffsets.fromJson(rows.getString("end_offsets")))));
            }
        }
    }
}
