package dev.clusteripam.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The extension behind {@link WithKubernetes}: one control plane per JVM, kept in the root store so
 * that JUnit stops it after the last test; a namespace and a client per test.
 */
final class KubernetesExtension implements BeforeEachCallback, ParameterResolver, TestWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesExtension.class);

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(KubernetesExtension.class);

    private static final Path FAILED_TEST_LOGS =
            Path.of("target", "surefire-reports", "control-plane-logs");

    /** generateName leaves room for the server's five random characters within 63. */
    private static final int NAMESPACE_PREFIX_LENGTH = 57;

    @Override
    public void beforeEach(ExtensionContext context) {
        ControlPlane plane = shared(context).get();
        Class<?> testClass = context.getRequiredTestClass();
        String method = context.getRequiredTestMethod().getName();
        String namespace =
                plane.createNamespace(
                        namespacePrefix(testClass, method), testClass.getName() + "#" + method);
        context.getStore(STORE)
                .put(TestNamespace.class, new TestNamespace(plane.newClient(namespace)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == ControlPlane.class) {
            return shared(context).get();
        }
        TestNamespace test = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
        if (test == null) {
            throw new ParameterResolutionException(
                    "a KubernetesClient belongs to one test and its namespace: declare it on a test"
                        + " method or a @BeforeEach/@AfterEach method; elsewhere use"
                        + " ControlPlane.newClient");
        }
        return test.client();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional<ControlPlane> plane = shared(context).ifStarted();
        if (plane.isEmpty()) {
            return;
        }
        Path target =
                FAILED_TEST_LOGS.resolve(
                        context.getRequiredTestClass().getName()
                                + "."
                                + context.getRequiredTestMethod().getName());
        try {
            plane.get().copyLogsTo(target);
            LOG.info(
                    "server logs of failed test {} copied to {}", context.getDisplayName(), target);
        } catch (IOException e) {
            LOG.warn("cannot copy the server logs to {}", target, e);
        }
    }

    /** The JVM's control plane, for extensions of their own that run before any test (see {@link ControlPlane#of}). */
    static ControlPlane controlPlane(ExtensionContext context) {
        return shared(context).get();
    }

    private static SharedControlPlane shared(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(SharedControlPlane.class);
    }

    /** {@code <class>-<method>-} as a DNS label prefix: lower case, as much as fits. */
    static String namespacePrefix(Class<?> testClass, String method) {
        String name =
                (testClass.getSimpleName() + "-" + method)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-");
        if (name.length() > NAMESPACE_PREFIX_LENGTH - 1) {
            name = name.substring(0, NAMESPACE_PREFIX_LENGTH - 1);
        }
        return name.replaceAll("^-+|-+$", "") + "-";
    }

    /** The per-test state; JUnit closes it when the test is done. */
    private record TestNamespace(KubernetesClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * The JVM's control plane, started on first use. A failed start is remembered, so that the
     * other tests fail at once with the same cause instead of trying again. JUnit closes the root
     * store, and with it this, after the last test.
     */
    static final class SharedControlPlane implements AutoCloseable {

        private ControlPlane plane;
        private RuntimeException failure;

        synchronized ControlPlane get() {
            if (failure != null) {
                throw new IllegalStateException("the control plane did not start", failure);
            }
            if (plane == null) {
                try {
                    plane = ControlPlane.startOrReuse();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return plane;
        }

        synchronized Optional<ControlPlane> ifStarted() {
            return Optional.ofNullable(plane);
        }

        @Override
        public synchronized void close() {
            if (plane != null) {
                plane.stop();
            }
        }
    }
}
