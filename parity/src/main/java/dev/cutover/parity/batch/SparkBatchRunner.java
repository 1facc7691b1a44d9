package dev.cutover.parity.batch;

import dev.cutover.contract.batch.BatchJobArguments;
import dev.cutover.launch.spark.SparkBatch;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The batch through Spark: the bundled Spark's {@code SparkSubmit} in a child JVM, or an installed
 * {@code spark-submit} (see {@link SparkBatch}); the credentials in its environment.
 */
public final class SparkBatchRunner implements BatchRunner {
    private final SparkBatch spark;
    private final SparkBatch.Secrets secrets;

    public SparkBatchRunner(SparkBatch spark, SparkBatch.Secrets secrets) {
        this.spark = spark;
        this.secrets = secrets;
    }

    @Override
    public void run(BatchJobArguments arguments, Consumer<String> lines)
            throws IOException, InterruptedException {
        spark.run(arguments, secrets, lines);
    }
}
