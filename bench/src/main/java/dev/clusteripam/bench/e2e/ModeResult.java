package dev.clusteripam.bench.e2e;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one mode.
 *
 * @param restart null when the mode did not restart its provider (the baseline does not)
 * @param profiles per provider process, the top of its flight recording; empty without {@code --jfr}
 */
record ModeResult(String mode, List<StepResult> steps, RestartResult restart, List<String> violations, Map<String, String> profiles) {
}
