package dev.cutover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CPU time read from {@code /proc}: a process's own ticks, and an exited child's time. */
class ProcessCpuTest {
    @Test
    void aChildThatBurnedCpuAddsItsTimeOnceWaitedFor() throws Exception {
        double before = ProcessCpu.childrenOfThisJvm();
        Process child =
                new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done")
                        .start();
        assertThat(child.waitFor()).isZero();

        assertThat(ProcessCpu.childrenOfThisJvm()).isGreaterThan(before);
    }

    @Test
    void ticksOfThisJvmAndOfNoProcess() {
        assertThat(ProcessCpu.ticks(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
