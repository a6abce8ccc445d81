package dev.clusteripam.bench.chaos;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one scenario went.
 *
 * @param error why it could not finish (an exception, or the time bound), when it did not
 * @param violations the invariants found broken (or reported) after it
 */
record ScenarioReport(String name, String promise, double seconds, List<Check> checks, Map<String, Object> figures,
        List<Violation> violations, List<String> undecodable, Optional<String> error) {

    boolean passed() {
        return error.isEmpty() && checks.stream().allMatch(Check::passed) && violations.stream().noneMatch(v -> v.kind().fails());
    }
}
