package dev.clusteripam.bench.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served ({@code apiserver_request_total} on its
 * {@code /metrics}), by verb and resource. Two scrapes diffed give what a workload cost the server,
 * whoever sent it; the harness subtracts what it sent itself (one claim create per claim).
 */
record ApiRequestCounts(Map<String, Double> byVerbAndResource) {

    /** The verbs that change state; the others (GET, LIST, WATCH) are reads. */
    static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "DELETE", "APPLY", "DELETECOLLECTION");

    /** What the provider writes: claims, IPAddresses, ledger blocks, events and the four pool kinds. */
    private static final Pattern PROVIDER_RESOURCES = Pattern.compile("ipaddressclaims|ipaddresses|ipallocationblocks|events|.*pools");

    private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{([^}]*)\\}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static ApiRequestCounts scrape(KubernetesClient client) {
        String text = client.raw("/metrics");
        if (text == null) {
            throw new IllegalStateException("the API server's /metrics answered nothing");
        }
        return parse(text);
    }

    static ApiRequestCounts parse(String metrics) {
        Map<String, Double> counts = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String resource = labels.getOrDefault("resource", "");
            String subresource = labels.getOrDefault("subresource", "");
            String key = labels.getOrDefault("verb", "?") + " " + (resource.isEmpty() ? "(none)" : resource)
                    + (subresource.isEmpty() ? "" : "/" + subresource);
            counts.merge(key, Double.parseDouble(sample.group(2)), Double::sum);
        }
        return new ApiRequestCounts(counts);
    }

    /** What happened between {@code earlier} and this scrape; keys that did not change are left out. */
    ApiRequestCounts since(ApiRequestCounts earlier) {
        Map<String, Double> diff = new TreeMap<>();
        byVerbAndResource.forEach((key, value) -> {
            double delta = value - earlier.byVerbAndResource.getOrDefault(key, 0.0);
            if (delta > 0) {
                diff.put(key, delta);
            }
        });
        return new ApiRequestCounts(diff);
    }

    /** Requests per claim by verb, long-running watches left out (they count when they end, not per request). */
    Map<String, Double> perClaimByVerb(long claims) {
        Map<String, Double> byVerb = new TreeMap<>();
        byVerbAndResource.forEach((key, value) -> {
            String verb = key.substring(0, key.indexOf(' '));
            if (!verb.equals("WATCH")) {
                byVerb.merge(verb, value / claims, Double::sum);
            }
        });
        byVerb.replaceAll((verb, value) -> round(value));
        return byVerb;
    }

    /**
     * Writes per claim by verb and resource to what the provider writes (claims, IPAddresses, ledger
     * blocks, pools' status, events), less the harness's own claim creates. The API server's own
     * writes (its lease and endpoints) are left out.
     */
    Map<String, Double> providerWritesPerClaim(long claims, long harnessClaimCreates) {
        Map<String, Double> writes = new TreeMap<>();
        byVerbAndResource.forEach((key, value) -> {
            String verb = key.substring(0, key.indexOf(' '));
            String resource = key.substring(key.indexOf(' ') + 1).split("/")[0];
            if (WRITE_VERBS.contains(verb) && PROVIDER_RESOURCES.matcher(resource).matches()) {
                double own = key.equals("POST ipaddressclaims") ? harnessClaimCreates : 0;
                if (value - own > 0) {
                    writes.put(key, round((value - own) / claims));
                }
            }
        });
        return writes;
    }

    static double total(Map<String, Double> perClaim) {
        return round(perClaim.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
