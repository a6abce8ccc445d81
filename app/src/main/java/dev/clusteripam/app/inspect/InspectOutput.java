package dev.clusteripam.app.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusteripam.app.inspect.PoolReport.AddressVerdict;
import dev.clusteripam.app.inspect.PoolReport.Holder;
import dev.clusteripam.app.inspect.PoolReport.PreAllocation;
import dev.clusteripam.app.inspect.PoolReport.SharedAddresses;
import dev.clusteripam.app.inspect.PoolReport.SubnetReport;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The reports as {@code inspect} prints them: lines for people, or one JSON document with a stable shape. */
final class InspectOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InspectOutput() {
    }

    /**
     * Per pool: {@code InClusterIPPool/ns/name: 254 total, 3 used, 251 free}, then indented lines
     * for what is out of range, the spec's errors, the free ranges, each subnet of a pool with
     * {@code spec.subnets}, the overlaps and the address.
     */
    static List<String> text(List<PoolReport> reports) {
        List<String> lines = new ArrayList<>();
        for (PoolReport report : reports) {
            PoolUsage usage = report.usage();
            lines.add(report.pool() + ": " + usage.total() + " total, " + usage.used() + " used, " + usage.free() + " free"
                    + (usage.outOfRange() > 0 ? " (" + usage.outOfRange() + " of the used out of range)" : ""));
            report.errors().forEach(error -> lines.add("  invalid: " + error));
            if (report.valid()) {
                String more = report.moreFreeRanges() > 0 ? " and " + report.moreFreeRanges() + " more" : "";
                lines.add("  free ranges: " + (report.freeRanges().isEmpty() ? "none" : String.join(", ", report.freeRanges()) + more));
            }
            for (SubnetReport subnet : report.subnets()) {
                PoolUsage counts = subnet.usage();
                String more = subnet.moreFreeRanges() > 0 ? " and " + subnet.moreFreeRanges() + " more" : "";
                lines.add("  subnet " + subnet.title() + ": " + counts.total() + " total, " + counts.used() + " used, " + counts.free()
                        + " free; free ranges: " + (subnet.freeRanges().isEmpty() ? "none" : String.join(", ", subnet.freeRanges()) + more));
            }
            for (SharedAddresses shared : report.overlaps()) {
                lines.add("  shares " + shared.ranges() + " with " + shared.pool());
            }
            report.preAllocations().forEach(kept -> lines.add("  pre-allocated to " + kept.sentence()));
            report.address().ifPresent(verdict -> lines.add("  " + verdict.sentence()));
        }
        return lines;
    }

    /**
     * {@code {"pools": [{"kind", "namespace", "name", "valid", "errors", "total", "used", "outOfRange",
     * "free", "freeRanges", "moreFreeRanges", "subnets": [{"subnet", "network", "gateway"?, "total",
     * "used", "free", "freeRanges", "moreFreeRanges"}], "overlaps": [{"pool", "ranges"}], "preAllocations":
     * [{"claim", "item", "state", "holders"}], "address"?}]}}; a global pool's namespace is "", "subnets" is
     * empty unless the pool has {@code spec.subnets}, "address" is there only with {@code --address}, and
     * names its "subnet" in a pool with subnets.
     */
    static String json(List<PoolReport> reports) throws JsonProcessingException {
        ObjectNode document = JSON.createObjectNode();
        ArrayNode pools = document.putArray("pools");
        for (PoolReport report : reports) {
            ObjectNode pool = pools.addObject();
            pool.put("kind", report.pool().kind().kind());
            pool.put("namespace", report.pool().namespace());
            pool.put("name", report.pool().name());
            pool.put("valid", report.valid());
            report.errors().forEach(pool.putArray("errors")::add);
            PoolUsage usage = report.usage();
            pool.put("total", usage.total());
            pool.put("used", usage.used());
            pool.put("outOfRange", usage.outOfRange());
            pool.put("free", usage.free());
            ArrayNode free = pool.putArray("freeRanges");
            report.freeRanges().forEach(free::add);
            pool.put("moreFreeRanges", report.moreFreeRanges());
            ArrayNode subnets = pool.putArray("subnets");
            for (SubnetReport subnet : report.subnets()) {
                ObjectNode node = subnets.addObject();
                node.put("subnet", subnet.subnet());
                node.put("network", subnet.network());
                subnet.gateway().ifPresent(gateway -> node.put("gateway", gateway));
                node.put("total", subnet.usage().total());
                node.put("used", subnet.usage().used());
                node.put("free", subnet.usage().free());
                subnet.freeRanges().forEach(node.putArray("freeRanges")::add);
                node.put("moreFreeRanges", subnet.moreFreeRanges());
            }
            ArrayNode overlaps = pool.putArray("overlaps");
            for (SharedAddresses shared : report.overlaps()) {
                overlaps.addObject().put("pool", shared.pool().toString()).put("ranges", shared.ranges());
            }
            ArrayNode kept = pool.putArray("preAllocations");
            for (PreAllocation entry : report.preAllocations()) {
                ObjectNode node = kept.addObject().put("claim", entry.claim()).put("item", entry.item())
                        .put("state", entry.state().name().toLowerCase(Locale.ROOT));
                holders(node.putArray("holders"), entry.holders());
            }
            report.address().ifPresent(verdict -> address(pool.putObject("address"), verdict));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    private static void address(ObjectNode node, AddressVerdict verdict) {
        node.put("address", verdict.address());
        node.put("verdict", jsonName(verdict.verdict()));
        holders(node.putArray("holders"), verdict.holders());
        verdict.notHandedOutBecause().ifPresent(why -> node.put("notHandedOutBecause", jsonName(why)));
        verdict.subnet().ifPresent(subnet -> node.put("subnet", subnet));
        verdict.keptFor().ifPresent(claim -> node.put("keptFor", claim));
        node.put("message", verdict.sentence());
    }

    private static void holders(ArrayNode array, List<Holder> holders) {
        for (Holder holder : holders) {
            array.addObject().put("namespace", holder.namespace()).put("ipAddress", holder.ipAddress()).put("claim", holder.claim());
        }
    }

    /** {@code OUTSIDE_POOL} -> {@code outsidePool}: JSON's usual spelling. */
    static String jsonName(PoolReport.Verdict verdict) {
        String[] words = verdict.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
