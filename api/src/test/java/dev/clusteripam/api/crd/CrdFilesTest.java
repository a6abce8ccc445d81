package dev.clusteripam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed under config/crd are exactly those the model generates, and nothing else. */
class CrdFilesTest {

    /** config/crd's own kustomization, for config/default; never applied as CRDs. */
    private static final List<String> KUSTOMIZE_FILES = List.of("kustomization.yaml", "kustomizeconfig.yaml");

    @Test
    void theCommittedCrdsAreTheOnesTheModelGenerates() throws IOException {
        Map<String, String> generated = GeneratedCrds.generate();

        assertThat(yamlFilesIn(RepositoryFiles.crdBases()))
                .as("files in config/crd/bases; regenerate with: %s", GeneratedCrds.WRITE_COMMAND)
                .containsExactlyInAnyOrderElementsOf(generated.keySet());
        for (Map.Entry<String, String> file : generated.entrySet()) {
            String committed =
                    Files.readString(RepositoryFiles.crdBases().resolve(file.getKey()), StandardCharsets.UTF_8);
            assertThat(committed)
                    .as("config/crd/bases/%s differs from the model; regenerate with: %s", file.getKey(),
                            GeneratedCrds.WRITE_COMMAND)
                    .isEqualTo(file.getValue());
        }
    }

    /**
     * hack/control-plane applies every YAML file under config/crd with a line "kind:
     * CustomResourceDefinition" to the test API server: the kustomize files (which config/default
     * builds on) must not have one, every other file must be a CRD.
     */
    @Test
    void everyYamlFileUnderConfigCrdIsACrdOrAKustomizeFileTheControlPlaneSkips() throws IOException {
        try (Stream<Path> files = Files.walk(RepositoryFiles.crdDirectory())) {
            for (Path file : files.filter(CrdFilesTest::isYaml).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (KUSTOMIZE_FILES.contains(file.getFileName().toString())) {
                    assertThat(lines).as("%s: patches inline and indented, or the control plane applies it", file)
                            .doesNotContain("kind: CustomResourceDefinition");
                } else {
                    assertThat(lines).as("%s: only CRDs and kustomize files belong under config/crd", file)
                            .contains("kind: CustomResourceDefinition");
                }
            }
        }
    }

    private static List<String> yamlFilesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(CrdFilesTest::isYaml).map(p -> p.getFileName().toString()).toList();
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
