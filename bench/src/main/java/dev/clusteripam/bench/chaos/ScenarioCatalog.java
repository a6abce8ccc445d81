package dev.clusteripam.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every scenario by name, in the order a full run takes them: poison last, as it may leave the provider down. */
final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    static List<Scenario> all() {
        return List.of(new KillLoopDuringBurst(), new TwoActiveReplicas(), new ApiServerRestart(), new ExhaustionThenRelease(),
                new GracePeriodAcrossCrash(), new SlowWebhookClients(), new PoisonObjects());
    }

    static List<Scenario> named(List<String> names) {
        Map<String, Scenario> byName = all().stream().collect(Collectors.toMap(Scenario::name, Function.identity()));
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            Scenario scenario = byName.get(name.strip());
            if (scenario == null) {
                throw new IllegalArgumentException("no scenario " + name + "; there are " + byName.keySet());
            }
            chosen.add(scenario);
        }
        return chosen;
    }

    /** For picocli's help. */
    static final class Names extends ArrayList<String> {
        Names() {
            super(all().stream().map(Scenario::name).toList());
        }
    }
}
