package dev.cutover.recon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.TestSchema;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cutover bench recon} on the embedded PostgreSQL: every method finds the planted
 * differences, and each run's database CPU lands on the side whose table its backends read.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReconBenchmarkITCase {
    @Test
    void everyMethodFindsTheDifferencesAndCpuIsCountedPerSide(
            StackEndpoints stack, TestSchema schema) {
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        ReconBenchmark.Result result =
                ReconBenchmark.run(
                        db,
                        new ReconBenchmark.Options(
                                schema.name(),
                                300_000,
                                30,
                                2,
                                1,
                                false,
                                EnumSet.allOf(ReconBenchmark.Method.class)));

        assertThat(result.fullDifferences()).isEqualTo(30);
        assertThat(result.checksumDifferences()).isEqualTo(30);
        assertThat(result.joinDifferences()).isEqualTo(30);
        assertThat(result.joinOverExceptAll()).isPositive();
        assertThat(result.fullCpu()).hasSize(1);
        assertThat(result.checksumCpu()).hasSize(1);
        CpuSeconds full = result.fullCpu().get(0);
        CpuSeconds checksum = result.checksumCpu().get(0);
        CpuSeconds except = result.exceptAllCpu();
        // two sides, each read by backends of its own; EXCEPT ALL reads both in one backend
        assertThat(full.left()).isPositive();
        assertThat(full.right()).isPositive();
        assertThat(full.both()).isZero();
        assertThat(checksum.left() + checksum.right()).isPositive();
        assertThat(checksum.both()).isZero();
        // the join reads both tables in one backend, and counts each side beside it
        CpuSeconds join = result.joinCpu().get(0);
        assertThat(join.both()).isPositive();
        assertThat(except.both()).isPositive();
        assertThat(except.left() + except.right()).isZero();
        assertThat(except.database()).isEqualTo(except.both());
        assertThat(full.client()).isPositive();
    }
}
