package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.addresses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.PoolWebhooks;
import dev.clusteripam.webhook.testing.NoRetryClient;
import dev.clusteripam.webhook.testing.Pools;
import dev.clusteripam.webhook.testing.Refusal;
import dev.clusteripam.webhook.testing.RunningWebhook;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * v1alpha1 and v1alpha2 of the IP pools through a real kube-apiserver whose CRDs call our
 * conversion webhook. The committed CRDs convert with strategy None (a kustomize patch adds the
 * webhook in a deployment); this class points them at the test's server and puts them back after.
 */
@WithKubernetes
class IpPoolConversionOnApiServerTest {

    private static final List<String> CRDS = List.of(
            "inclusterippools.ipam.cluster.x-k8s.io", "globalinclusterippools.ipam.cluster.x-k8s.io");
    private static final String CONVERSION_DATA = "cluster.x-k8s.io/conversion-data";

    private static RunningWebhook webhook;
    private static KubernetesClient admin;
    private static final Map<String, CustomResourceConversion> ORIGINAL_CONVERSIONS = new HashMap<>();

    @BeforeAll
    static void pointTheCrdsAtTheWebhook(ControlPlane plane) throws Exception {
        webhook = RunningWebhook.start(plane);
        admin = NoRetryClient.of(plane, "default");
        CustomResourceConversion viaWebhook = new CustomResourceConversionBuilder()
                .withStrategy("Webhook")
                .withNewWebhook()
                .withConversionReviewVersions("v1")
                .withNewClientConfig()
                .withUrl(webhook.url(PoolWebhooks.CONVERSION_PATH))
                .withCaBundle(webhook.authority().caBundleBase64())
                .endClientConfig()
                .endWebhook()
                .build();
        for (String crd : CRDS) {
            admin.apiextensions().v1().customResourceDefinitions().withName(crd).edit(definition -> {
                ORIGINAL_CONVERSIONS.put(crd, definition.getSpec().getConversion());
                definition.getSpec().setConversion(viaWebhook);
                return definition;
            });
        }
        awaitConversionInEffect();
    }

    @AfterAll
    static void restoreTheCrds() {
        try {
            ORIGINAL_CONVERSIONS.forEach((crd, conversion) -> admin.apiextensions().v1().customResourceDefinitions().withName(crd)
                    .edit(definition -> {
                        definition.getSpec().setConversion(conversion);
                        return definition;
                    }));
        } finally {
            admin.close();
            webhook.close();
        }
    }

    /** The API server reloads a CRD's conversion settings shortly after the change, not at once. */
    private static void awaitConversionInEffect() {
        GlobalInClusterIPPool probe = globalPool("probe-" + webhook.label(), v1alpha1Spec(s -> s.setSubnet("not-a-cidr")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                admin.resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getMessage().contains("conversion webhook");
            }
        });
    }

    @Test
    void aV1alpha1PoolWithASubnetIsStoredAsAddressesAndReadsBackAsWritten(KubernetesClient client) {
        InClusterIPPool written = pool(client.getNamespace(), "pool", v1alpha1Spec(s -> {
            s.setSubnet("10.0.0.0/24");
            s.setGateway("10.0.0.1");
        }));

        client.resource(written).create();

        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored =
                client.resources(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class).withName("pool").get();
        assertThat(stored.getSpec().getAddresses()).containsExactly("10.0.0.1-10.0.0.254");
        assertThat(stored.getSpec().getPrefix()).isEqualTo(24);
        assertThat(stored.getSpec().getGateway()).isEqualTo("10.0.0.1");
        assertThat(stored.getMetadata().getAnnotations()).containsKey(CONVERSION_DATA);
        InClusterIPPool readBack = client.resources(InClusterIPPool.class).withName("pool").get();
        assertThat(readBack.getSpec()).isEqualTo(v1alpha1Spec(s -> {
            s.setSubnet("10.0.0.0/24");
            s.setStart("10.0.0.1");
            s.setEnd("10.0.0.254");
            s.setPrefix(24);
            s.setGateway("10.0.0.1");
        }));
        assertThat(readBack.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aGlobalPoolKeepsItsNamespaceSelectorInBothVersions() {
        String name = "selecting-" + webhook.label();
        LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(Map.of("team", "blue"))
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("dev").endMatchExpression()
                .build();
        GlobalInClusterIPPool written = globalPool(name, v1alpha1Spec(s -> s.setSubnet("10.0.0.0/24")));
        written.getSpec().setNamespaceSelector(selector);
        admin.resource(written).create();
        try {
            dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool stored =
                    admin.resources(dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool.class).withName(name).get();
            assertThat(stored.getSpec().getNamespaceSelector()).isEqualTo(selector);

            admin.resources(dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool.class).withName(name).edit(pool -> {
                pool.getSpec().getNamespaceSelector().setMatchLabels(Map.of("team", "green"));
                return pool;
            });

            GlobalInClusterIPPool readBack = admin.resources(GlobalInClusterIPPool.class).withName(name).get();
            assertThat(readBack.getSpec().getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("team", "green"));
            assertThat(readBack.getSpec().getNamespaceSelector().getMatchExpressions())
                    .isEqualTo(selector.getMatchExpressions());
        } finally {
            admin.resources(GlobalInClusterIPPool.class).withName(name).delete();
        }
    }

    @Test
    void aPoolStoredByUpstreamsConversionReadsInItsSubnetForm(KubernetesClient client) {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool storedByUpstream =
                Pools.ipPool(client.getNamespace(), "pool", addresses(24, "10.0.0.10-10.0.0.20"));
        storedByUpstream.getMetadata().setAnnotations(Map.of(CONVERSION_DATA,
                "{\"apiVersion\":\"ipam.cluster.x-k8s.io/v1alpha1\",\"kind\":\"InClusterIPPool\",\"spec\":{\"subnet\":"
                        + "\"10.0.0.0/24\",\"start\":\"10.0.0.10\",\"end\":\"10.0.0.20\",\"prefix\":24},\"status\":{}}"));
        client.resource(storedByUpstream).create();

        InClusterIPPool view = client.resources(InClusterIPPool.class).withName("pool").get();

        assertThat(view.getSpec()).isEqualTo(v1alpha1Spec(s -> {
            s.setSubnet("10.0.0.0/24");
            s.setStart("10.0.0.10");
            s.setEnd("10.0.0.20");
            s.setPrefix(24);
        }));
    }

    @Test
    void fieldsOnlyV1alpha2HasSurviveAWriteThroughV1alpha1(KubernetesClient client) {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool original =
                Pools.ipPool(client.getNamespace(), "pool", addresses(24, "10.0.0.0/24"));
        original.getSpec().setExcludedAddresses(List.of("10.0.0.10-10.0.0.20"));
        original.getSpec().setAllocateReservedIPAddresses(true);
        original.getSpec().setAddressReuseGracePeriodSeconds(30);
        client.resource(original).create();

        InClusterIPPool view = client.resources(InClusterIPPool.class).withName("pool").get();
        view.getMetadata().setLabels(Map.of("edited-as", "v1alpha1"));
        view.getSpec().setGateway("10.0.0.254");
        client.resource(view).update();

        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored =
                client.resources(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class).withName("pool").get();
        assertThat(stored.getSpec().getExcludedAddresses()).containsExactly("10.0.0.10-10.0.0.20");
        assertThat(stored.getSpec().getAllocateReservedIPAddresses()).isTrue();
        assertThat(stored.getSpec().getAddressReuseGracePeriodSeconds()).isEqualTo(30);
        assertThat(stored.getSpec().getGateway()).isEqualTo("10.0.0.254");
        assertThat(stored.getMetadata().getLabels()).containsEntry("edited-as", "v1alpha1");
        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theSubnetsOfAPoolSurviveAWriteThroughV1alpha1(KubernetesClient client) {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool original =
                Pools.ipPool(client.getNamespace(), "subnets", addresses(24, "10.0.0.0/24"));
        InClusterIPPoolSubnet second = new InClusterIPPoolSubnet(List.of("10.0.1.0/24"), 24);
        second.setGateway("10.0.1.1");
        second.setExcludedAddresses(List.of("10.0.1.9"));
        List<InClusterIPPoolSubnet> subnets = List.of(second, new InClusterIPPoolSubnet(List.of("10.0.2.10-10.0.2.20"), 23));
        original.getSpec().setSubnets(subnets);
        client.resource(original).create();

        InClusterIPPool view = client.resources(InClusterIPPool.class).withName("subnets").get();
        view.getMetadata().setLabels(Map.of("edited-as", "v1alpha1"));
        view.getSpec().setGateway("10.0.0.254");
        client.resource(view).update();

        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored =
                client.resources(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class).withName("subnets").get();
        assertThat(view.getSpec().getAddresses()).containsExactly("10.0.0.0/24");
        assertThat(stored.getSpec().getSubnets()).isEqualTo(subnets);
        assertThat(stored.getSpec().getGateway()).isEqualTo("10.0.0.254");
        assertThat(stored.getMetadata().getLabels()).containsEntry("edited-as", "v1alpha1");
        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aGlobalPoolWithStartAndEndRoundTrips(KubernetesClient client) {
        String name = "global-" + webhook.label();
        GlobalInClusterIPPool written = globalPool(name, v1alpha1Spec(s -> {
            s.setStart("fd00::10");
            s.setEnd("fd00::20");
            s.setPrefix(64);
        }));
        try {
            client.resource(written).create();

            dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool stored =
                    client.resources(dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool.class).withName(name).get();
            assertThat(stored.getSpec().getAddresses()).containsExactly("fd00::10-fd00::20");
            assertThat(stored.getSpec().getPrefix()).isEqualTo(64);
            assertThat(client.resources(GlobalInClusterIPPool.class).withName(name).get().getSpec()).isEqualTo(written.getSpec());
        } finally {
            client.resources(GlobalInClusterIPPool.class).withName(name).delete();
        }
    }

    @Test
    void aListReadAsV1alpha1ConvertsEveryPool(KubernetesClient client) {
        for (int i = 1; i <= 3; i++) {
            client.resource(Pools.ipPool(client.getNamespace(), "pool-" + i, addresses(24, "10.0." + i + ".0/24"))).create();
        }

        List<InClusterIPPool> pools = client.resources(InClusterIPPool.class).list().getItems();

        assertThat(pools).extracting(p -> p.getSpec().getAddresses().get(0))
                .containsExactlyInAnyOrder("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24");
        assertThat(pools).allSatisfy(p -> assertThat(p.getApiVersion()).isEqualTo("ipam.cluster.x-k8s.io/v1alpha1"));
    }

    @Test
    void aSubnetThatIsNoCidrIsRefusedWithTheReason(KubernetesClient client, ControlPlane plane) {
        InClusterIPPool written = pool(client.getNamespace(), "bad", v1alpha1Spec(s -> s.setSubnet("10.0.0.0")));

        KubernetesClientException refusal;
        try (KubernetesClient asKubectl = NoRetryClient.of(plane, client.getNamespace())) {
            refusal = Refusal.of(() -> asKubectl.resource(written).create());
        }

        assertThat(refusal.getMessage()).contains("conversion webhook for ipam.cluster.x-k8s.io/v1alpha1, Kind=InClusterIPPool"
                + " failed: InClusterIPPool \"bad\": spec.subnet: Invalid value: \"10.0.0.0\": \"10.0.0.0\" is not a CIDR: no '/'");
    }

    private static InClusterIPPool pool(String namespace, String name, InClusterIPPoolSpec spec) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        pool.setSpec(spec);
        return pool;
    }

    private static GlobalInClusterIPPool globalPool(String name, InClusterIPPoolSpec spec) {
        GlobalInClusterIPPool pool = new GlobalInClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(Pools.asGlobal(spec, GlobalInClusterIPPoolSpec.class));
        return pool;
    }

    private static InClusterIPPoolSpec v1alpha1Spec(Consumer<InClusterIPPoolSpec> fill) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec();
        fill.accept(spec);
        return spec;
    }
}
