package dev.clusteripam.testing.kube;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteripam.controlplane.ControlPlaneScript;
import dev.clusteripam.controlplane.ScriptedControlPlane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A running kube-apiserver with its etcd: either started by this JVM with {@code hack/control-plane
 * start} or reused from {@value #KUBECONFIG_ENV}.
 *
 * <p>Tests get it as a parameter under {@link WithKubernetes}. Its clients are cluster-admin unless
 * made with {@link #newClientWithToken}.
 */
public final class ControlPlane {

    /** A kubeconfig of a control plane to reuse instead of starting one. */
    public static final String KUBECONFIG_ENV = "CLUSTER_IPAM_TEST_KUBECONFIG";

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    /** Files that {@code hack/control-plane start} writes beside the kubeconfig. */
    private static final String APISERVER_LOG = "kube-apiserver.log";

    private static final List<String> LOG_FILES =
            List.of(APISERVER_LOG, "etcd.log", "watchdog.log");

    private static final String ETCD_ENDPOINT_FILE = "etcd.endpoint";

    private static final Duration CRD_ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

    private final Path kubeconfig;
    private final Config config;
    private final KubernetesClient admin;
    private final ServerVersions versions;
    private final Optional<Runnable> stopAction;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ControlPlane(Path kubeconfig, Optional<Runnable> stopAction) {
        this.kubeconfig = kubeconfig;
        this.stopAction = stopAction;
        this.config = Config.fromKubeconfig(kubeconfig.toFile());
        this.admin = new KubernetesClientBuilder().withConfig(config).build();
        this.versions =
                new ServerVersions(
                        admin.getKubernetesVersion().getGitVersion(),
                        etcdVersion(kubeconfig.getParent()));
    }

    /**
     * The control plane that {@link WithKubernetes} gives the tests of this JVM, for an extension
     * that needs it before any test runs (a provider started for a whole test class, say).
     */
    public static ControlPlane of(ExtensionContext context) {
        return KubernetesExtension.controlPlane(context);
    }

    /** Reuses the control plane named by {@value #KUBECONFIG_ENV}, else starts one. */
    static ControlPlane startOrReuse() {
        String reused = System.getenv(KUBECONFIG_ENV);
        ControlPlane plane =
                reused == null || reused.isBlank()
                        ? start()
                        : new ControlPlane(Path.of(reused), Optional.empty());
        LOG.info(
                "control plane: kube-apiserver {}, etcd {}, server {}, kubeconfig {} ({})",
                plane.versions.kubeApiServer(),
                plane.versions.etcd().orElse("(version unknown)"),
                plane.config.getMasterUrl(),
                plane.kubeconfig,
                plane.stopAction.isPresent()
                        ? "started for this JVM"
                        : "reused from " + KUBECONFIG_ENV);
        return plane;
    }

    /**
     * Starts a control plane under {@code target/} of the working directory. The script's watchdog
     * stops it should this JVM die without running its shutdown hooks.
     */
    private static ControlPlane start() {
        Path checkout =
                ControlPlaneScript.findCheckout(Path.of(""))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no "
                                                        + ControlPlaneScript.PATH
                                                        + " in the working directory or above;"
                                                        + " run the tests inside the repository"));
        ControlPlaneScript script = ControlPlaneScript.inCheckout(checkout, LOG::info);
        Path dir;
        ScriptedControlPlane servers;
        try {
            // Separately, for its longer timeout: the first install on a machine builds the servers.
            script.install();
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            dir = Files.createTempDirectory(target, "control-plane-");
            servers = new ScriptedControlPlane(script, dir);
            servers.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Runnable stop =
                () -> {
                    try {
                        servers.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                    // Only after a clean stop; the logs of failed tests were copied already.
                    deleteRecursively(dir);
                };
        ControlPlane plane;
        try {
            plane = new ControlPlane(servers.kubeconfig(), Optional.of(stop));
        } catch (RuntimeException e) {
            try {
                servers.close();
            } catch (IOException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(plane::stop, "control-plane-stop"));
        return plane;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API server's URL, {@code https://127.0.0.1:<port>/} for a control plane started here. */
    public String serverUrl() {
        return config.getMasterUrl();
    }

    public ServerVersions versions() {
        return versions;
    }

    /**
     * A cluster-admin client whose default namespace is {@code namespace}; the caller closes it.
     */
    public KubernetesClient newClient(String namespace) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(config).withNamespace(namespace).build())
                .build();
    }

    /**
     * A client that authenticates with {@code bearerToken} only (for example a ServiceAccount token
     * from the TokenRequest API), trusting the server's CA; the caller closes it.
     */
    public KubernetesClient newClientWithToken(String bearerToken, String namespace) {
        Config tokenOnly =
                new ConfigBuilder(Config.empty())
                        .withMasterUrl(config.getMasterUrl())
                        .withCaCertData(config.getCaCertData())
                        .withOauthToken(bearerToken)
                        .withNamespace(namespace)
                        .build();
        return new KubernetesClientBuilder().withConfig(tokenOnly).build();
    }

    /**
     * Applies the CRDs in the given YAML files (server-side) and waits until the server serves
     * them.
     */
    public void applyCrds(Path... files) {
        for (Path file : files) {
            List<HasMetadata> items;
            try (InputStream in = Files.newInputStream(file)) {
                items = admin.load(in).items();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (HasMetadata item : items) {
                if (!(item instanceof CustomResourceDefinition crd)) {
                    throw new IllegalArgumentException(
                            file
                                    + " holds a "
                                    + item.getKind()
                                    + ", not a CustomResourceDefinition");
                }
                admin.resource(crd).forceConflicts().serverSideApply();
                admin.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(
                                ControlPlane::isEstablished,
                                CRD_ESTABLISHED_TIMEOUT.toSeconds(),
                                TimeUnit.SECONDS);
            }
        }
    }

    /** The directory with the server logs, when they are known (always for a started one). */
    public Optional<Path> logDirectory() {
        Path dir = kubeconfig.getParent();
        return Files.exists(dir.resolve(APISERVER_LOG)) ? Optional.of(dir) : Optional.empty();
    }

    /** Creates a namespace named {@code prefix} plus a random suffix; returns its name. */
    String createNamespace(String prefix, String testName) {
        return admin.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withGenerateName(prefix)
                                .addToAnnotations("cluster-ipam.dev/test", testName)
                                .endMetadata()
                                .build())
                .create()
                .getMetadata()
                .getName();
    }

    /** Copies the server logs into {@code target}, if they are known. */
    void copyLogsTo(Path target) throws IOException {
        Optional<Path> source = logDirectory();
        if (source.isEmpty()) {
            return;
        }
        Files.createDirectories(target);
        for (String name : LOG_FILES) {
            Path log = source.get().resolve(name);
            if (Files.exists(log)) {
                Files.copy(log, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Stops the control plane if this JVM started it; a reused one keeps running. */
    void stop() {
        if (stopped.compareAndSet(false, true)) {
            admin.close();
            stopAction.ifPresent(Runnable::run);
        }
    }

    private static boolean isEstablished(CustomResourceDefinition crd) {
        // A CRD read right after its creation may have a status without conditions yet.
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(
                                c ->
                                        "Established".equals(c.getType())
                                                && "True".equals(c.getStatus()));
    }

    /** etcd's version from its {@code /version}, when {@code start} left its endpoint in dir. */
    private static Optional<String> etcdVersion(Path dir) {
        Path endpointFile = dir.resolve(ETCD_ENDPOINT_FILE);
        if (!Files.exists(endpointFile)) {
            return Optional.empty();
        }
        try {
            URI endpoint = URI.create(Files.readString(endpointFile).strip() + "/version");
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(endpoint)
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return Optional.of(
                    new ObjectMapper().readTree(response.body()).path("etcdserver").asText());
        } catch (IOException e) {
            LOG.warn("cannot read etcd's version", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
        }
    }

    /** The versions of the servers, for test output and for tests that depend on them. */
    public record ServerVersions(String kubeApiServer, Optional<String> etcd) {}
}
