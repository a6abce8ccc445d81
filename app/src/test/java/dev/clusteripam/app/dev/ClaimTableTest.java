package dev.clusteripam.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimTableTest {

    @Test
    void columnsLineUpAndMissingCellsShowADash() {
        List<ClaimRow> rows = List.of(
                new ClaimRow("default", "ipv4-machine-0", "InClusterIPPool/ipv4-pool", Optional.of("10.0.0.2/24"), Optional.of("True"),
                        Optional.of("Allocated"), Optional.of("allocated 10.0.0.2/24")),
                new ClaimRow("default", "no-pool-machine-0", "InClusterIPPool/missing-pool", Optional.empty(), Optional.of("False"),
                        Optional.of("PoolNotReady"), Optional.of("InClusterIPPool/default/missing-pool does not exist")),
                new ClaimRow("default", "new", "InClusterIPPool/ipv4-pool", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));

        assertThat(ClaimTable.render(rows)).isEqualTo("""
                NAMESPACE   CLAIM               POOL                           ADDRESS       READY   REASON         MESSAGE
                default     ipv4-machine-0      InClusterIPPool/ipv4-pool      10.0.0.2/24   True    Allocated      allocated 10.0.0.2/24
                default     no-pool-machine-0   InClusterIPPool/missing-pool   -             False   PoolNotReady   \
                InClusterIPPool/default/missing-pool does not exist
                default     new                 InClusterIPPool/ipv4-pool      -             -       -              -
                """);
    }

    @Test
    void aMessageOverSeveralLinesStaysOnItsRow() {
        ClaimRow row = new ClaimRow("ns", "c", "InClusterIPPool/p", Optional.empty(), Optional.of("False"),
                Optional.of("AllocationFailed"), Optional.of("first line\n  second line"));

        assertThat(ClaimTable.render(List.of(row)).lines().skip(1)).singleElement().asString().endsWith("first line second line");
    }
}
