package dev.clusteripam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.overlap.Overlap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark measures the shape it claims: every pool overlaps its two neighbours in 50 ranges each. */
class OverlapBenchmarkTest {

    @Test
    void everyInnerPoolOverlapsTwoNeighboursInFiftyRangesEach() {
        OverlapBenchmark benchmark = new OverlapBenchmark();
        benchmark.parsePools();

        Map<Integer, List<Overlap<Integer>>> all = benchmark.allOverlapsFromScratch();

        assertThat(all).hasSize(OverlapBenchmark.POOLS);
        assertThat(all.get(500)).extracting(Overlap::other).containsExactly(499, 501);
        assertThat(all.get(500)).allSatisfy(o -> assertThat(o.ranges()).hasSize(50));
        assertThat(all.get(0)).extracting(Overlap::other).containsExactly(1);
        assertThat(benchmark.onePoolChanged()).extracting(Overlap::other).containsExactly(1);
    }
}
