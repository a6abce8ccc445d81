package dev.clusteripam.bench.e2e;

import java.util.List;

/**
 * One round of the side-by-side workloads in one mode, on a fresh control plane; the rounds
 * alternate the modes' order so that a change in the machine's load falls on both.
 *
 * @param coldStart the provider's start with only the pools and one claim present; null when it did not get that far
 */
record HeadToHeadRound(String mode, int round, RestartResult coldStart, List<StepResult> steps, List<String> violations) {
}
