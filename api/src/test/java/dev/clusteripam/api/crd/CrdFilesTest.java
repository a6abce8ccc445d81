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

    /** hack/control-plane applies every YAML file under config/crd to the test API server. */
    @Test
    void everyYamlFileUnderConfigCrdIsACrd() throws IOException {
        try (Stream<Path> files = Files.walk(RepositoryFiles.crdDirectory())) {
            for (Path file : files.filter(CrdFilesTest::isYaml).toList()) {
                assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                        .as("%s: only CRDs belong under config/crd (kustomize patches go elsewhere)", file)
                        .contains("kind: CustomResourceDefinition");
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
