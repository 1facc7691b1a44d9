package dev.cutover.stream.sink;

import dev.cutover.contract.stream.StreamJobFailure;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.InputTypeConfigurable;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.sink.legacy.RichSinkFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC connector's sink function (flink-connector-jdbc 4.0.0-2.0), guarded against what losing
 * its database does to it.
 *
 * <p>The connector flushes on a thread of its own every {@code sink.buffer-flush.interval}. When
 * the database goes away, that flush fails, its reconnect fails too (closing the statements first
 * and leaving them null), and it keeps the failure for the task thread; {@code close()} then
 * rethrows it (or, had no flush failed on that thread, runs into the null statement: a {@code
 * NullPointerException}). Flink closes the operators of a failed task in its failure handler, where
 * any exception is fatal to the TaskManager: "FATAL - exception in exception handler of task",
 * {@code TaskManagerRunner} exits with code 1, taking every task of the JVM with it (measured in
 * {@code DatabaseFailoverITCase}; upstream's {@code JdbcOutputFormat.close()} is unchanged on its
 * main branch). Here:
 *
 * <ul>
 *   <li>{@link #close()} never throws. It logs what it could not do: anything the sink still held
 *       is newer than the last checkpoint (every checkpoint flushes, {@link #snapshotState}), so
 *       the restart from that checkpoint writes it again.
 *   <li>Every failure becomes a {@link StreamJobFailure} of one line naming the database (its URL
 *       without credentials), the table and the driver's reason: the task fails and the job's
 *       restart strategy restarts it; once the restarts are used up, that line is the job's
 *       failure.
 *   <li>Once it has failed, the sink takes no further row and completes no checkpoint.
 *   <li>The last rows of a bounded run are written in {@link #finish()}, where a failure still
 *       fails the task.
 * </ul>
 */
final class GuardedSinkFunction<T> extends RichSinkFunction<T>
        implements CheckpointedFunction, InputTypeConfigurable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GuardedSinkFunction.class);
    private static final int MAX_CAUSES = 100;

    /** The JDBC sink flushes at a snapshot whatever its context says; it has none at the end. */
    private static final FunctionSnapshotContext END_OF_INPUT =
            new FunctionSnapshotContext() {
                @Override
                public long getCheckpointId() {
                    return -1;
                }

                @Override
                public long getCheckpointTimestamp() {
                    return -1;
                }
            };

    private final RichSinkFunction<T> jdbc;
    private final String database;
    private final String table;
    private transient StreamJobFailure failure;

    /**
     * @param jdbc the connector's sink function (checkpointed, configured with its input type)
     * @param database the database's URL without credentials or query
     * @param table the table it writes, as the connector names it
     */
    GuardedSinkFunction(RichSinkFunction<T> jdbc, String database, String table) {
        if (!(jdbc instanceof CheckpointedFunction) || !(jdbc instanceof InputTypeConfigurable)) {
            throw new IllegalArgumentException(
                    "not the JDBC connector's sink function: " + jdbc.getClass().getName());
        }
        this.jdbc = jdbc;
        this.database = database;
        this.table = table;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        jdbc.setRuntimeContext(context);
    }

    @Override
    public void setInputType(TypeInformation<?> type, ExecutionConfig executionConfig) {
        ((InputTypeConfigurable) jdbc).setInputType(type, executionConfig);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        try {
            jdbc.open(context);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void invoke(T value, Context context) throws Exception {
        requireNotFailed();
        try {
            jdbc.invoke(value, context);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        ((CheckpointedFunction) jdbc).initializeState(context);
    }

    /** Writes every row the sink holds (the connector's flush), so the checkpoint covers them. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        requireNotFailed();
        try {
            ((CheckpointedFunction) jdbc).snapshotState(context);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    /** The input has ended (a bounded run): its last rows are written now, or the task fails. */
    @Override
    public void finish() throws Exception {
        snapshotState(END_OF_INPUT);
        jdbc.finish();
    }

    @Override
    public void close() {
        try {
            jdbc.close();
        } catch (Exception e) {
            LOG.warn(
                    "closing the sink of {} after a failure: {} (what it still held is newer than"
                            + " the last checkpoint and is written again after the restart)",
                    table,
                    reason(e));
        }
    }

    private void requireNotFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private StreamJobFailure failed(Exception e) {
        failure =
                new StreamJobFailure(
                        "cannot write to the database "
                                + database
                                + " (table "
                                + table
                                + "): "
                                + reason(e),
                        e);
        return failure;
    }

    /**
     * The driver's own words for a failure: the message of the innermost {@link SQLException} that
     * is not a {@link BatchUpdateException} (whose message holds the batch's SQL and values), else
     * the innermost cause's class and message; the first line only.
     */
    static String reason(Throwable failure) {
        SQLException sql = null;
        Throwable innermost = failure;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof BatchUpdateException batch) {
                if (batch.getNextException() != null && batch.getCause() == null) {
                    sql = batch.getNextException();
                }
            } else if (t instanceof SQLException e) {
                sql = e;
            }
            innermost = t;
        }
        if (sql != null && sql.getMessage() != null) {
            return firstLine(sql.getMessage());
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
