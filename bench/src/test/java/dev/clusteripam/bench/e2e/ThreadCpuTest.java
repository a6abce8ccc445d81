package dev.clusteripam.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsDifferingOnlyByTheirNumberAreOneGroup() {
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("pool-3-thread-12")).isEqualTo("pool-3-thread");
        assertThat(ThreadCpu.group("main")).isEqualTo("main");
    }

    @Test
    void perClaimCountsNewGroupsFromZeroAndLeavesOutIdleOnes() {
        ThreadCpu earlier = new ThreadCpu(Map.of("main", 1.0, "C2 CompilerThre", 0.5));
        ThreadCpu now = new ThreadCpu(Map.of("main", 1.0, "C2 CompilerThre", 1.5, "ReconcilerExecu", 0.2));

        assertThat(now.perClaimMillisSince(earlier, 100)).containsExactlyInAnyOrderEntriesOf(
                Map.of("C2 CompilerThre", 10.0, "ReconcilerExecu", 2.0));
    }

    @Test
    void readsThisProcessesThreads() {
        ThreadCpu self = ThreadCpu.of(ProcessHandle.current().pid());

        assertThat(self.secondsByGroup()).isNotEmpty().allSatisfy((group, seconds) -> assertThat(seconds).isNotNegative());
        assertThat(ThreadCpu.of(Long.MAX_VALUE).secondsByGroup()).isEmpty();
    }
}
