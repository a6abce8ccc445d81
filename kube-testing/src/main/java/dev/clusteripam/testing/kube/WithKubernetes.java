package dev.clusteripam.testing.kube;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test class against a real kube-apiserver and etcd on 127.0.0.1.
 *
 * <p>One control plane serves every test class of the JVM: the first test that needs it starts it
 * with {@code hack/control-plane} (building the servers on the first run on a machine), and it
 * stops when the JVM's tests are done. With the environment variable {@value
 * ControlPlane#KUBECONFIG_ENV} set, the control plane behind that kubeconfig is used instead and
 * left running.
 *
 * <p>Each test method gets a fresh namespace. Test methods and their {@code @BeforeEach} and
 * {@code @AfterEach} methods can declare parameters of type:
 *
 * <ul>
 *   <li>{@link io.fabric8.kubernetes.client.KubernetesClient}: cluster-admin, with the test's
 *       namespace as its default namespace ({@code client.getNamespace()} names it); closed after
 *       the test;
 *   <li>{@link ControlPlane}: kubeconfig, server versions, more CRDs, clients for other identities.
 * </ul>
 *
 * <p>When a test fails, the server logs are copied to {@code
 * target/surefire-reports/control-plane-logs/<class>.<method>/}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KubernetesExtension.class)
public @interface WithKubernetes {}
