package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's set-up that needs no cluster: building a client connects to nothing yet. */
class KubernetesClientsTest {

    @TempDir
    Path directory;

    private String before;

    @BeforeEach
    void forgetTheIterations() {
        before = System.clearProperty(KubernetesClients.PKCS12_KEY_ITERATIONS);
    }

    @AfterEach
    void restoreTheIterations() {
        if (before == null) {
            System.clearProperty(KubernetesClients.PKCS12_KEY_ITERATIONS);
        } else {
            System.setProperty(KubernetesClients.PKCS12_KEY_ITERATIONS, before);
        }
    }

    @Test
    void theInMemoryKeyStoresOfClientKeysTakeOneIteration() throws Exception {
        KubernetesClients.connect(Optional.of(kubeconfig())).close();

        assertThat(System.getProperty(KubernetesClients.PKCS12_KEY_ITERATIONS)).isEqualTo("1");
    }

    @Test
    void anOperatorsOwnIterationCountWins() throws Exception {
        System.setProperty(KubernetesClients.PKCS12_KEY_ITERATIONS, "20000");

        KubernetesClients.connect(Optional.of(kubeconfig())).close();

        assertThat(System.getProperty(KubernetesClients.PKCS12_KEY_ITERATIONS)).isEqualTo("20000");
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(directory.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
                users:
                - name: someone
                  user: {token: a-token}
                contexts:
                - name: local
                  context: {cluster: local, user: someone}
                current-context: local
                """);
    }
}
