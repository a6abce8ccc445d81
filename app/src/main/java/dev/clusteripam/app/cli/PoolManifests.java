package dev.clusteripam.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusteripam.app.cli.FieldReader.FieldException;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressSubnetSpec;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Kubernetes manifests into the core's pool specs, for the offline CLI. It reads the YAML
 * tree itself rather than binding the api module's models, because an operator checking a file
 * wants what binding hides: the path of a field with a wrong type, and a warning for a misspelt
 * field that the API server would prune silently.
 */
final class PoolManifests {

    static final String API_VERSION = "ipam.cluster.x-k8s.io/v1alpha2";

    private static final Set<String> ADDRESS_POOL_KINDS = Set.of("InClusterIPPool", "GlobalInClusterIPPool");
    private static final Set<String> PREFIX_POOL_KINDS = Set.of("InClusterPrefixPool", "GlobalInClusterPrefixPool");
    private static final String PRE_ALLOCATIONS = "preAllocations";
    private static final Set<String> ADDRESS_POOL_FIELDS = Set.of("addresses", "prefix", "gateway", "excludedAddresses",
            "allocateReservedIPAddresses", "addressReuseGracePeriodSeconds", "subnets", PRE_ALLOCATIONS);
    private static final Set<String> SUBNET_FIELDS = Set.of("addresses", "prefix", "gateway", "excludedAddresses");
    private static final Set<String> PREFIX_POOL_FIELDS = Set.of("prefixes", "allocationPrefixLength", "excludedPrefixes", "gateway",
            PRE_ALLOCATIONS);
    /** A global pool's spec has one field more than the namespaced kind's. */
    private static final String NAMESPACE_SELECTOR = "namespaceSelector";

    private PoolManifests() {
    }

    /** Every document of {@code file}, in order; empty documents (a stray {@code ---}) are left out. */
    static List<ManifestDocument> read(Path file) throws UnreadableInputException {
        List<ManifestDocument> documents = new ArrayList<>();
        List<JsonNode> trees = YamlDocuments.read(file);
        for (int i = 0; i < trees.size(); i++) {
            if (!trees.get(i).isNull()) {
                documents.add(toDocument(new DocumentOrigin(file, "document " + (i + 1)), trees.get(i)));
            }
        }
        return documents;
    }

    private static ManifestDocument toDocument(DocumentOrigin numbered, JsonNode tree) {
        if (!tree.isObject()) {
            return new ManifestDocument.Unreadable(numbered,
                    "expected a Kubernetes object (a mapping), got " + FieldReader.describe(tree));
        }
        DocumentOrigin origin = numbered;
        try {
            FieldReader document = FieldReader.ofDocument(tree);
            String kind = document.requiredString("kind");
            String name = document.mapping("metadata").string("name").orElse("(unnamed)");
            origin = new DocumentOrigin(numbered.file(), kind + "/" + name);
            boolean ours = API_VERSION.equals(document.string("apiVersion").orElse(""));
            boolean global = kind.startsWith("Global");
            if (ours && ADDRESS_POOL_KINDS.contains(kind)) {
                FieldReader spec = document.mapping("spec");
                List<String> unknown = new ArrayList<>(spec.unknownFields(fieldsOf(ADDRESS_POOL_FIELDS, global)));
                List<AddressSubnetSpec> subnets = new ArrayList<>();
                for (FieldReader subnet : spec.mappings("subnets")) {
                    subnets.add(subnetSpec(subnet));
                    unknown.addAll(subnet.unknownFields(SUBNET_FIELDS));
                }
                return new AddressPoolManifest(origin, addressPoolSpec(spec, subnets), namespaceSelector(spec, global),
                        spec.stringMap(PRE_ALLOCATIONS), unknown);
            }
            if (ours && PREFIX_POOL_KINDS.contains(kind)) {
                FieldReader spec = document.mapping("spec");
                return new PrefixPoolManifest(origin, prefixPoolSpec(spec), namespaceSelector(spec, global),
                        spec.stringMap(PRE_ALLOCATIONS), spec.unknownFields(fieldsOf(PREFIX_POOL_FIELDS, global)));
            }
            return new ManifestDocument.Skipped(origin);
        } catch (FieldException e) {
            return new ManifestDocument.Unreadable(origin, e.getMessage());
        }
    }

    private static Set<String> fieldsOf(Set<String> namespacedKindFields, boolean global) {
        if (!global) {
            return namespacedKindFields;
        }
        Set<String> fields = new HashSet<>(namespacedKindFields);
        fields.add(NAMESPACE_SELECTOR);
        return fields;
    }

    /** A global pool's {@code spec.namespaceSelector}, as written; a namespaced pool has none (it would be unknown). */
    private static Optional<LabelSelectorSpec> namespaceSelector(FieldReader spec, boolean global) throws FieldException {
        if (!global || !spec.has(NAMESPACE_SELECTOR)) {
            return Optional.empty();
        }
        FieldReader selector = spec.mapping(NAMESPACE_SELECTOR);
        List<LabelSelectorSpec.Expression> expressions = new ArrayList<>();
        for (FieldReader expression : selector.mappings("matchExpressions")) {
            expressions.add(new LabelSelectorSpec.Expression(expression.string("key").orElse(""),
                    expression.string("operator").orElse(""), expression.strings("values")));
        }
        return Optional.of(new LabelSelectorSpec(selector.stringMap("matchLabels"), expressions));
    }

    private static AddressPoolSpec addressPoolSpec(FieldReader spec, List<AddressSubnetSpec> subnets) throws FieldException {
        return new AddressPoolSpec(
                spec.strings("addresses"),
                // Required by the schema; 0 itself is a valid prefix (the whole address space).
                spec.requiredInteger("prefix"),
                spec.string("gateway"),
                spec.strings("excludedAddresses"),
                spec.bool("allocateReservedIPAddresses").orElse(false),
                spec.longInteger("addressReuseGracePeriodSeconds"),
                subnets);
    }

    /** One item of {@code spec.subnets}. */
    private static AddressSubnetSpec subnetSpec(FieldReader subnet) throws FieldException {
        return new AddressSubnetSpec(
                subnet.strings("addresses"),
                subnet.requiredInteger("prefix"),
                subnet.string("gateway"),
                subnet.strings("excludedAddresses"));
    }

    private static PrefixPoolSpec prefixPoolSpec(FieldReader spec) throws FieldException {
        return new PrefixPoolSpec(
                spec.strings("prefixes"),
                spec.integer("allocationPrefixLength"),
                spec.strings("excludedPrefixes"),
                spec.string("gateway"));
    }
}
