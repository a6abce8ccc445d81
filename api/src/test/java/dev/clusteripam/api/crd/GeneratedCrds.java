package dev.clusteripam.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Our CRDs, generated from the model classes by fabric8's CRD generator (the library behind its
 * Maven plugin), with what its annotations cannot express added afterwards.
 */
public final class GeneratedCrds {

    /** The command that rewrites {@code config/crd/bases}; config/crd/README.md explains it. */
    public static final String WRITE_COMMAND = "./mvnw -B -q -pl api -am process-test-classes -Pwrite-crds";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private static final String HEADER = "# Generated from the model classes of the api module; do not edit."
            + " Regenerate with: " + WRITE_COMMAND + "\n";

    private GeneratedCrds() {
    }

    /** The CRD files by file name, which is upstream's: {@code <group>_<plural>.yaml}. */
    public static Map<String, String> generate() {
        InMemoryOutput output = new InMemoryOutput();
        new CRDGenerator()
                .customResourceClasses(new ArrayList<>(ModelClasses.ALL))
                .forCRDVersions("v1")
                .withPostProcessor(new Completion())
                .withOutput(output)
                .detailedGenerate();
        return output.files();
    }

    /**
     * Writes the CRD files into the directory given as the only argument, and deletes the other YAML
     * files there: the directory holds generated CRDs only.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GeneratedCrds DIRECTORY");
        }
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        Map<String, String> files = generate();
        try (Stream<Path> existing = Files.list(directory)) {
            for (Path stale : existing.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !files.containsKey(p.getFileName().toString()))
                    .toList()) {
                Files.delete(stale);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Adds to each generated CRD what the generator's annotations cannot express. */
    private static final class Completion implements CRDPostProcessor {

        @Override
        public HasMetadata process(HasMetadata generated, String crdSpecVersion) {
            CustomResourceDefinition crd = (CustomResourceDefinition) generated;
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                Class<? extends CustomResource<?, ?>> model = ModelClasses.of(crd, version.getName());
                orderPrinterColumnsAsDeclared(version, model);
                JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
                root.setDescription(model.getAnnotation(JsonClassDescription.class).value());
                keyConditionsByType(root);
                describeNamespaceSelector(root);
                FieldConstraints.addToResource(model, root);
            }
            return crd;
        }

        /** The generator sorts printer columns by JSON path; kubectl shows them in the CRD's order. */
        private static void orderPrinterColumnsAsDeclared(CustomResourceDefinitionVersion version, Class<?> model) {
            List<String> declared = new ArrayList<>();
            for (Class<?> type = model; type != null; type = type.getSuperclass()) {
                for (AdditionalPrinterColumn column : type.getAnnotationsByType(AdditionalPrinterColumn.class)) {
                    declared.add(column.jsonPath());
                }
            }
            version.getAdditionalPrinterColumns().sort(
                    Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getJsonPath())));
        }

        /**
         * Conditions form a map keyed by type, as in Kubernetes' and Cluster API's own objects, so that
         * server-side apply merges them by type.
         */
        private static void keyConditionsByType(JSONSchemaProps root) {
            JSONSchemaProps status = root.getProperties().get("status");
            JSONSchemaProps conditions = status == null ? null : status.getProperties().get("conditions");
            if (conditions != null) {
                conditions.setXKubernetesListType("map");
                conditions.setXKubernetesListMapKeys(List.of("type"));
            }
        }
    }

    /**
     * The parts of a global pool's {@code spec.namespaceSelector}, fabric8's model of Kubernetes'
     * {@code LabelSelector}, which carries no descriptions: kubectl explain shows these.
     */
    private static void describeNamespaceSelector(JSONSchemaProps root) {
        JSONSchemaProps spec = root.getProperties().get("spec");
        JSONSchemaProps selector = spec == null ? null : spec.getProperties().get("namespaceSelector");
        if (selector == null) {
            return;
        }
        Map<String, JSONSchemaProps> parts = selector.getProperties();
        parts.get("matchLabels").setDescription("Labels the namespace must carry, each with exactly this value.");
        JSONSchemaProps expressions = parts.get("matchExpressions");
        expressions.setDescription("Requirements on the namespace's labels; all of them, and matchLabels, must hold.");
        JSONSchemaProps expression = expressions.getItems().getSchema();
        expression.setRequired(List.of("key", "operator"));
        expression.getProperties().get("key").setDescription("The label key the requirement is about.");
        expression.getProperties().get("operator").setDescription("In: the label's value is one of values."
                + " NotIn: the label is absent or its value is none of values. Exists: the label is present."
                + " DoesNotExist: the label is absent.");
        expression.getProperties().get("values").setDescription("The values for In and NotIn, at least one;"
                + " empty for Exists and DoesNotExist.");
    }

    /** Collects the generator's output by CRD name, under upstream's file names and our header. */
    private static final class InMemoryOutput implements CRDGenerator.CRDOutput<ByteArrayOutputStream> {

        private final Map<String, ByteArrayOutputStream> byOutputName = new TreeMap<>();

        @Override
        public ByteArrayOutputStream outputFor(String outputName) {
            return byOutputName.computeIfAbsent(outputName, name -> new ByteArrayOutputStream());
        }

        @Override
        public void close() {
        }

        Map<String, String> files() {
            Map<String, String> files = new TreeMap<>();
            byOutputName.forEach((outputName, bytes) -> files.put(fileName(outputName),
                    HEADER + rewritten(bytes.toString(StandardCharsets.UTF_8))));
            return files;
        }

        /**
         * The generator's {@code inclusterippools.ipam.cluster.x-k8s.io-v1} becomes upstream's
         * {@code ipam.cluster.x-k8s.io_inclusterippools.yaml}.
         */
        private static String fileName(String outputName) {
            String crdName = outputName.substring(0, outputName.lastIndexOf('-'));
            int firstDot = crdName.indexOf('.');
            return crdName.substring(firstDot + 1) + "_" + crdName.substring(0, firstDot) + ".yaml";
        }

        /**
         * The generator's YAML, written again with quotes only where YAML needs them and without
         * folded lines. The generator's own minimal-quotes mode leaves strings such as True unquoted,
         * which Kubernetes' YAML 1.1 parser reads as booleans; Jackson's keeps them quoted.
         */
        private static String rewritten(String generatorYaml) {
            try {
                return YAML.writeValueAsString(YAML.readTree(generatorYaml));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the CRD generator wrote YAML that does not parse", e);
            }
        }
    }
}
