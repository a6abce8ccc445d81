package dev.clusteripam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated CRDs declare upstream's names, versions, fields, checks and printer columns, plus ours. */
class CrdSchemaTest {

    /** The pool CRDs, in upstream's group; the ledger's CRD is checked by {@link LedgerCrdTest}. */
    private static final Map<String, CustomResourceDefinition> CRDS_BY_KIND = GeneratedCrds.generate().values().stream()
            .map(yaml -> new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .filter(crd -> crd.getSpec().getGroup().equals("ipam.cluster.x-k8s.io"))
            .collect(Collectors.toMap(crd -> crd.getSpec().getNames().getKind(), Function.identity()));

    @Test
    void theFourPoolKindsAreServedInUpstreamsGroupWithUpstreamsNamesAndScopes() {
        assertThat(CRDS_BY_KIND.values())
                .extracting(crd -> crd.getMetadata().getName(), crd -> crd.getSpec().getGroup(),
                        crd -> crd.getSpec().getNames().getPlural(), crd -> crd.getSpec().getNames().getSingular(),
                        crd -> crd.getSpec().getScope(), crd -> crd.getSpec().getNames().getCategories())
                .containsExactlyInAnyOrder(
                        tuple("inclusterippools.ipam.cluster.x-k8s.io", "ipam.cluster.x-k8s.io", "inclusterippools",
                                "inclusterippool", "Namespaced", List.of("cluster-api")),
                        tuple("globalinclusterippools.ipam.cluster.x-k8s.io", "ipam.cluster.x-k8s.io",
                                "globalinclusterippools", "globalinclusterippool", "Cluster", List.of("cluster-api")),
                        tuple("inclusterprefixpools.ipam.cluster.x-k8s.io", "ipam.cluster.x-k8s.io",
                                "inclusterprefixpools", "inclusterprefixpool", "Namespaced", List.of("cluster-api")),
                        tuple("globalinclusterprefixpools.ipam.cluster.x-k8s.io", "ipam.cluster.x-k8s.io",
                                "globalinclusterprefixpools", "globalinclusterprefixpool", "Cluster",
                                List.of("cluster-api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void ipPoolsStoreV1alpha2AndStillServeTheDeprecatedV1alpha1(String kind) {
        assertThat(CRDS_BY_KIND.get(kind).getSpec().getVersions())
                .extracting(CustomResourceDefinitionVersion::getName, CustomResourceDefinitionVersion::getServed,
                        CustomResourceDefinitionVersion::getStorage, CustomResourceDefinitionVersion::getDeprecated)
                .containsExactlyInAnyOrder(tuple("v1alpha2", true, true, null), tuple("v1alpha1", true, false, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterPrefixPool", "GlobalInClusterPrefixPool"})
    void prefixPoolsHaveOnlyV1alpha2(String kind) {
        assertThat(CRDS_BY_KIND.get(kind).getSpec().getVersions())
                .extracting(CustomResourceDefinitionVersion::getName, CustomResourceDefinitionVersion::getServed,
                        CustomResourceDefinitionVersion::getStorage)
                .containsExactly(tuple("v1alpha2", true, true));
    }

    @Test
    void everyVersionHasAStatusSubresource() {
        assertThat(allVersions()).allSatisfy(version ->
                assertThat(version.getSubresources().getStatus()).as(version.getName()).isNotNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void ipPoolsShowUpstreamsColumnsThenReadyAndAge(String kind) {
        assertThat(version(kind, "v1alpha2").getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getType,
                        CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("Addresses", "string", ".spec.addresses"),
                        tuple("Total", "integer", ".status.ipAddresses.total"),
                        tuple("Free", "integer", ".status.ipAddresses.free"),
                        tuple("Used", "integer", ".status.ipAddresses.used"),
                        tuple("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
                        tuple("Age", "date", ".metadata.creationTimestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void v1alpha1ShowsUpstreamsColumnsWithFirstAndLastReadingStartAndEnd(String kind) {
        assertThat(version(kind, "v1alpha1").getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getType,
                        CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("Subnet", "string", ".spec.subnet"),
                        tuple("First", "string", ".spec.start"),
                        tuple("Last", "string", ".spec.end"),
                        tuple("Addresses", "string", ".spec.addresses"),
                        tuple("Total", "integer", ".status.ipAddresses.total"),
                        tuple("Free", "integer", ".status.ipAddresses.free"),
                        tuple("Used", "integer", ".status.ipAddresses.used"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterPrefixPool", "GlobalInClusterPrefixPool"})
    void prefixPoolsShowUpstreamsColumnsThenReadyAndAge(String kind) {
        assertThat(version(kind, "v1alpha2").getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("Prefixes", ".spec.prefixes"),
                        tuple("Total", ".status.ipAddresses.total"),
                        tuple("Free", ".status.ipAddresses.free"),
                        tuple("Used", ".status.ipAddresses.used"),
                        tuple("Ready", ".status.conditions[?(@.type==\"Ready\")].status"),
                        tuple("Age", ".metadata.creationTimestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void ipPoolSpecHasUpstreamsFieldsTypesAndLimits(String kind) {
        JSONSchemaProps spec = property(version(kind, "v1alpha2").getSchema().getOpenAPIV3Schema(), "spec");

        assertThat(spec.getRequired()).containsExactlyInAnyOrder("addresses", "prefix");
        assertThat(spec.getProperties()).containsOnlyKeys(withSelectorWhenGlobal(kind, "addresses", "prefix", "gateway",
                "excludedAddresses", "allocateReservedIPAddresses", "addressReuseGracePeriodSeconds", "subnets", "preAllocations"));
        assertPreAllocationsAreABoundedMapOfStrings(spec);
        assertThat(spec.getProperties().get("addresses").getType()).isEqualTo("array");
        assertThat(spec.getProperties().get("addresses").getItems().getSchema().getType()).isEqualTo("string");
        assertThat(spec.getProperties().get("addresses").getMinItems()).isEqualTo(1L);
        assertThat(spec.getProperties().get("addresses").getMaxItems()).isEqualTo(10_000L);
        assertThat(spec.getProperties().get("addresses").getItems().getSchema().getMaxLength()).isEqualTo(128L);
        assertThat(spec.getProperties().get("excludedAddresses").getMaxItems()).isEqualTo(10_000L);
        assertThat(spec.getProperties().get("excludedAddresses").getType()).isEqualTo("array");
        assertThat(spec.getProperties().get("gateway").getType()).isEqualTo("string");
        assertThat(spec.getProperties().get("allocateReservedIPAddresses").getType()).isEqualTo("boolean");
        JSONSchemaProps prefix = spec.getProperties().get("prefix");
        assertThat(prefix.getType()).isEqualTo("integer");
        assertThat(prefix.getMinimum()).isEqualTo(0.0);
        assertThat(prefix.getMaximum()).isEqualTo(128.0);
        JSONSchemaProps gracePeriod = spec.getProperties().get("addressReuseGracePeriodSeconds");
        assertThat(gracePeriod.getType()).isEqualTo("integer");
        assertThat(gracePeriod.getMinimum()).isEqualTo(0.0);
        assertThat(gracePeriod.getMaximum()).as("upstream's int32").isEqualTo(2147483647.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void ipPoolSubnetsAreOptionalWithTheFirstSubnetsFieldsAndShorterLists(String kind) {
        JSONSchemaProps spec = property(version(kind, "v1alpha2").getSchema().getOpenAPIV3Schema(), "spec");
        JSONSchemaProps subnets = spec.getProperties().get("subnets");

        assertThat(subnets.getType()).isEqualTo("array");
        assertThat(subnets.getMaxItems()).isEqualTo(32L);
        JSONSchemaProps subnet = subnets.getItems().getSchema();
        assertThat(subnet.getRequired()).containsExactlyInAnyOrder("addresses", "prefix");
        assertThat(subnet.getProperties()).containsOnlyKeys("addresses", "prefix", "gateway", "excludedAddresses");
        assertThat(subnet.getProperties().get("addresses").getMinItems()).isEqualTo(1L);
        assertThat(subnet.getProperties().get("addresses").getMaxItems()).as("32 x 256 entries: within the CEL cost budget").isEqualTo(256L);
        assertThat(subnet.getProperties().get("excludedAddresses").getMaxItems()).isEqualTo(256L);
        assertThat(subnet.getProperties().get("addresses").getItems().getSchema().getMaxLength()).isEqualTo(128L);
        assertThat(subnet.getProperties().get("gateway").getMaxLength()).isEqualTo(128L);
        assertThat(subnet.getProperties().get("prefix").getMinimum()).isEqualTo(0.0);
        assertThat(subnet.getProperties().get("prefix").getMaximum()).isEqualTo(128.0);
    }

    /** An integer the model reads as int32 is bounded to it; a value the decoder cannot hold never reaches the store. */
    @Test
    void everyIntegerIsBoundedToTheJavaTypeThatReadsIt() {
        List<String> integers = new ArrayList<>();
        for (CustomResourceDefinitionVersion version : allVersions()) {
            collectIntegers(version.getSchema().getOpenAPIV3Schema(), version.getName(), integers);
        }

        assertThat(integers).isNotEmpty().allSatisfy(integer -> assertThat(integer).matches(
                ".* int64 .*|.* int32 (-?[0-9.E]+)\\.\\.([0-9.E]+)").satisfies(text -> {
                    if (text.contains(" int32 ")) {
                        String[] bounds = text.substring(text.indexOf(" int32 ") + 7).split("\\.\\.");
                        assertThat(Double.parseDouble(bounds[0])).as(text).isGreaterThanOrEqualTo(Integer.MIN_VALUE);
                        assertThat(Double.parseDouble(bounds[1])).as(text).isLessThanOrEqualTo(Integer.MAX_VALUE);
                    }
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterPrefixPool", "GlobalInClusterPrefixPool"})
    void prefixPoolSpecHasUpstreamsFieldsTypesLimitsAndDefault(String kind) {
        JSONSchemaProps spec = property(version(kind, "v1alpha2").getSchema().getOpenAPIV3Schema(), "spec");

        assertThat(spec.getRequired()).containsExactly("prefixes");
        assertThat(spec.getProperties()).containsOnlyKeys(withSelectorWhenGlobal(kind, "prefixes",
                "allocationPrefixLength", "gateway", "excludedPrefixes", "preAllocations"));
        assertPreAllocationsAreABoundedMapOfStrings(spec);
        assertThat(spec.getProperties().get("prefixes").getMinItems()).isEqualTo(1L);
        assertThat(spec.getProperties().get("prefixes").getMaxItems()).isEqualTo(10_000L);
        assertThat(spec.getProperties().get("excludedPrefixes").getItems().getSchema().getMaxLength()).isEqualTo(128L);
        JSONSchemaProps length = spec.getProperties().get("allocationPrefixLength");
        assertThat(length.getType()).isEqualTo("integer");
        assertThat(length.getDefault().asInt()).isEqualTo(64);
        assertThat(length.getMinimum()).isEqualTo(1.0);
        assertThat(length.getMaximum()).isEqualTo(128.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool"})
    void v1alpha1SpecHasUpstreamsFields(String kind) {
        JSONSchemaProps spec = property(version(kind, "v1alpha1").getSchema().getOpenAPIV3Schema(), "spec");

        assertThat(spec.getRequired()).isEmpty();
        assertThat(spec.getProperties()).containsOnlyKeys(withSelectorWhenGlobal(kind, "addresses", "subnet", "start",
                "end", "prefix", "gateway"));
        assertThat(spec.getProperties().get("prefix").getMaximum()).isEqualTo(128.0);
    }

    /** Only global pools serve other namespaces, so only they may restrict which: in every served version. */
    @Test
    void globalPoolsAloneHaveANamespaceSelectorAsKubernetesWritesOne() {
        for (CustomResourceDefinition crd : CRDS_BY_KIND.values()) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                JSONSchemaProps spec = property(version.getSchema().getOpenAPIV3Schema(), "spec");
                String where = crd.getSpec().getNames().getKind() + " " + version.getName();
                if (!crd.getSpec().getNames().getKind().startsWith("Global")) {
                    assertThat(spec.getProperties()).as(where).doesNotContainKey("namespaceSelector");
                    continue;
                }
                JSONSchemaProps selector = spec.getProperties().get("namespaceSelector");
                assertThat(selector.getDescription()).as(where).contains("label selector", "every namespace");
                assertThat(selector.getProperties()).as(where).containsOnlyKeys("matchLabels", "matchExpressions");
                assertThat(selector.getProperties().get("matchLabels").getAdditionalProperties().getSchema().getType())
                        .isEqualTo("string");
                JSONSchemaProps expression = selector.getProperties().get("matchExpressions").getItems().getSchema();
                assertThat(expression.getProperties()).containsOnlyKeys("key", "operator", "values");
                assertThat(expression.getRequired()).containsExactlyInAnyOrder("key", "operator");
            }
        }
    }

    private static String[] withSelectorWhenGlobal(String kind, String... fields) {
        return kind.startsWith("Global") ? Stream.concat(Stream.of(fields), Stream.of("namespaceSelector"))
                .toArray(String[]::new) : fields;
    }

    @Test
    void statusCountsAreRequiredIntegersUnderIpAddressesInEveryVersion() {
        for (CustomResourceDefinitionVersion version : allVersions()) {
            JSONSchemaProps counts = property(version.getSchema().getOpenAPIV3Schema(), "status", "ipAddresses");

            assertThat(counts.getRequired()).as(version.getName())
                    .containsExactlyInAnyOrder("total", "free", "used", "outOfRange");
            assertThat(counts.getProperties().values()).extracting(JSONSchemaProps::getType)
                    .containsOnly("integer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterIPPool", "GlobalInClusterIPPool", "InClusterPrefixPool",
            "GlobalInClusterPrefixPool"})
    void conditionsHaveClusterApisV1beta2ShapeAndMergeByType(String kind) {
        JSONSchemaProps conditions = property(version(kind, "v1alpha2").getSchema().getOpenAPIV3Schema(), "status",
                "conditions");
        JSONSchemaProps condition = conditions.getItems().getSchema();

        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getMaxItems()).isEqualTo(32L);
        assertThat(condition.getProperties()).containsOnlyKeys("type", "status", "reason", "message",
                "lastTransitionTime", "observedGeneration");
        assertThat(condition.getRequired()).containsExactlyInAnyOrder("type", "status", "reason", "message",
                "lastTransitionTime");
        assertThat(condition.getProperties().get("status").getEnum()).extracting(node -> node.asText())
                .containsExactlyInAnyOrder("True", "False", "Unknown");
        assertThat(condition.getProperties().get("lastTransitionTime").getFormat()).isEqualTo("date-time");
    }

    /** kubectl explain shows a description for every field. */
    @Test
    void everyPropertyOfEveryVersionHasADescription() {
        for (CustomResourceDefinition crd : CRDS_BY_KIND.values()) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
                String where = crd.getSpec().getNames().getKind() + " " + version.getName();

                assertThat(root.getDescription()).as(where).isNotBlank();
                assertThat(undescribedProperties(root, "")).as(where).isEmpty();
            }
        }
    }

    /** Ours, beyond upstream: claim name -> address, at most 1,024 entries, each key and value bounded by a CEL rule. */
    private static void assertPreAllocationsAreABoundedMapOfStrings(JSONSchemaProps spec) {
        JSONSchemaProps preAllocations = spec.getProperties().get("preAllocations");
        assertThat(preAllocations.getType()).isEqualTo("object");
        assertThat(preAllocations.getAdditionalProperties().getSchema().getType()).isEqualTo("string");
        assertThat(preAllocations.getMaxProperties()).isEqualTo(1024L);
        assertThat(preAllocations.getDescription()).as("what kubectl explain shows").contains("kept for claims, by claim name");
    }

    /**
     * Only checks that upstream's webhook makes too, so that no manifest upstream accepts is refused,
     * and the bounds of our own {@code spec.preAllocations}, a field upstream does not have.
     */
    @Test
    void theCelRulesAreTheEntryAndGatewayChecksAndTheImmutableAllocationPrefixLength() {
        Map<String, List<String>> rules = new TreeMap<>();
        for (CustomResourceDefinition crd : CRDS_BY_KIND.values()) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                collectRules(version.getSchema().getOpenAPIV3Schema(),
                        crd.getSpec().getNames().getKind() + "/" + version.getName(), rules);
            }
        }

        String ipGateway = "self == '' || isIP(self) || self.contains('%') || self.lowerAscii().contains('ffff')";
        String ipv6Gateway = "self == '' || (isIP(self) ? ip(self).family() == 6 : self.contains('%')"
                + " || self.lowerAscii().contains('ffff'))";
        String immutable = "self == oldSelf";
        String entry = "(self.contains('-') ? isIP(self.substring(0, self.indexOf('-'))) && isIP(self.substring(self.indexOf('-') + 1))"
                + " : (self.contains('/') ? isCIDR(self) : isIP(self))) || self.contains('%') || self.lowerAscii().contains('ffff')";
        String cidr = "isCIDR(self) || self.contains('%') || self.lowerAscii().contains('ffff')";
        String preAllocations = "self.all(k, size(k) <= 253 && size(self[k]) <= 64)";
        assertThat(rules).containsOnly(
                Map.entry("InClusterIPPool/v1alpha2.spec.preAllocations", List.of(preAllocations)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.preAllocations", List.of(preAllocations)),
                Map.entry("InClusterPrefixPool/v1alpha2.spec.preAllocations", List.of(preAllocations)),
                Map.entry("GlobalInClusterPrefixPool/v1alpha2.spec.preAllocations", List.of(preAllocations)),
                Map.entry("InClusterIPPool/v1alpha2.spec.addresses[]", List.of(entry)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.addresses[]", List.of(entry)),
                Map.entry("InClusterIPPool/v1alpha2.spec.excludedAddresses[]", List.of(entry)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.excludedAddresses[]", List.of(entry)),
                Map.entry("InClusterIPPool/v1alpha1.spec.addresses[]", List.of(entry)),
                Map.entry("GlobalInClusterIPPool/v1alpha1.spec.addresses[]", List.of(entry)),
                Map.entry("InClusterPrefixPool/v1alpha2.spec.prefixes[]", List.of(cidr)),
                Map.entry("GlobalInClusterPrefixPool/v1alpha2.spec.prefixes[]", List.of(cidr)),
                Map.entry("InClusterPrefixPool/v1alpha2.spec.excludedPrefixes[]", List.of(entry)),
                Map.entry("GlobalInClusterPrefixPool/v1alpha2.spec.excludedPrefixes[]", List.of(entry)),
                Map.entry("InClusterIPPool/v1alpha2.spec.subnets[].addresses[]", List.of(entry)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.subnets[].addresses[]", List.of(entry)),
                Map.entry("InClusterIPPool/v1alpha2.spec.subnets[].excludedAddresses[]", List.of(entry)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.subnets[].excludedAddresses[]", List.of(entry)),
                Map.entry("InClusterIPPool/v1alpha2.spec.subnets[].gateway", List.of(ipGateway)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.subnets[].gateway", List.of(ipGateway)),
                Map.entry("InClusterIPPool/v1alpha2.spec.gateway", List.of(ipGateway)),
                Map.entry("GlobalInClusterIPPool/v1alpha2.spec.gateway", List.of(ipGateway)),
                Map.entry("InClusterPrefixPool/v1alpha2.spec.gateway", List.of(ipv6Gateway)),
                Map.entry("GlobalInClusterPrefixPool/v1alpha2.spec.gateway", List.of(ipv6Gateway)),
                Map.entry("InClusterPrefixPool/v1alpha2.spec.allocationPrefixLength", List.of(immutable)),
                Map.entry("GlobalInClusterPrefixPool/v1alpha2.spec.allocationPrefixLength", List.of(immutable)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InClusterPrefixPool", "GlobalInClusterPrefixPool"})
    void changingTheAllocationPrefixLengthIsRefusedWithUpstreamsMessage(String kind) {
        ValidationRule immutable = property(version(kind, "v1alpha2").getSchema().getOpenAPIV3Schema(), "spec",
                "allocationPrefixLength").getXKubernetesValidations().get(0);

        assertThat(immutable.getMessage()).isEqualTo("spec.allocationPrefixLength is immutable");
    }

    private static List<CustomResourceDefinitionVersion> allVersions() {
        return CRDS_BY_KIND.values().stream().flatMap(crd -> crd.getSpec().getVersions().stream()).toList();
    }

    private static CustomResourceDefinitionVersion version(String kind, String name) {
        return CRDS_BY_KIND.get(kind).getSpec().getVersions().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static JSONSchemaProps property(JSONSchemaProps schema, String... path) {
        JSONSchemaProps current = schema;
        for (String name : path) {
            current = current.getProperties().get(name);
        }
        return current;
    }

    /** The paths of the properties below {@code schema}, at any depth, that have no description. */
    private static List<String> undescribedProperties(JSONSchemaProps schema, String path) {
        List<String> undescribed = new ArrayList<>();
        schema.getProperties().forEach((name, property) -> {
            String propertyPath = path + "." + name;
            if (property.getDescription() == null || property.getDescription().isBlank()) {
                undescribed.add(propertyPath);
            }
            JSONSchemaProps items = property.getItems() == null ? null : property.getItems().getSchema();
            JSONSchemaProps object = items != null ? items : property;
            if (object.getProperties() != null) {
                undescribed.addAll(undescribedProperties(object, propertyPath));
            }
        });
        return undescribed;
    }

    /** "path format minimum..maximum" for every integer below {@code schema}. */
    private static void collectIntegers(JSONSchemaProps schema, String path, List<String> integers) {
        if ("integer".equals(schema.getType())) {
            integers.add(path + " " + schema.getFormat() + " " + schema.getMinimum() + ".." + schema.getMaximum());
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            collectIntegers(schema.getItems().getSchema(), path + "[]", integers);
        }
        schema.getProperties().forEach((name, property) -> collectIntegers(property, path + "." + name, integers));
    }

    private static void collectRules(JSONSchemaProps schema, String path, Map<String, List<String>> rules) {
        if (!schema.getXKubernetesValidations().isEmpty()) {
            rules.put(path, schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList());
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            collectRules(schema.getItems().getSchema(), path + "[]", rules);
        }
        schema.getProperties().forEach((name, property) -> collectRules(property, path + "." + name, rules));
    }
}
