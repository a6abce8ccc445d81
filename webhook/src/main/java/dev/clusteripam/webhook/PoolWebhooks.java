package dev.clusteripam.webhook;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.webhook.admission.AddressPoolRules;
import dev.clusteripam.webhook.admission.AdmissionEndpoint;
import dev.clusteripam.webhook.admission.AdmissionPolicy;
import dev.clusteripam.webhook.admission.AdmissionVerdict;
import dev.clusteripam.webhook.admission.PoolValidation;
import dev.clusteripam.webhook.admission.PrefixPoolDefaulting;
import dev.clusteripam.webhook.admission.PrefixPoolRules;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.webhook.conversion.ConversionEndpoint;
import dev.clusteripam.webhook.server.ReviewEndpoint;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook paths of the pool kinds, exactly as upstream's webhook configurations name them, and
 * what answers each. The provider serves them with
 * {@code WebhookServer.start(config, PoolWebhooks.endpoints(addresses, overlaps, policy))}.
 */
public final class PoolWebhooks {

    /** The conversion webhook of the IP pool kinds (controller-runtime's path). */
    public static final String CONVERSION_PATH = "/convert";

    private static final String VALIDATING_PREFIX = "/validate-ipam-cluster-x-k8s-io-v1alpha2-";
    private static final String MUTATING_PREFIX = "/mutate-ipam-cluster-x-k8s-io-v1alpha2-";

    /** Upstream's Default does nothing for v1alpha2 IP pools; the path stays so that existing configurations work. */
    private static final AdmissionPolicy NOTHING_TO_DEFAULT = request -> AdmissionVerdict.allow(List.of());

    private PoolWebhooks() {
    }

    /** {@code /validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool} and its three siblings. */
    public static String validatingPath(PoolKind kind) {
        return VALIDATING_PREFIX + kind.lowerCase();
    }

    /** {@code /mutate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool} and its three siblings. */
    public static String mutatingPath(PoolKind kind) {
        return MUTATING_PREFIX + kind.lowerCase();
    }

    /**
     * Every path: validating and mutating for each pool kind, and {@code /convert}. Updates and
     * deletions are checked against the IPAddresses {@code addresses} knows; new and changed pools
     * against the other pools {@code overlaps} knows, as {@code overlapPolicy} says.
     */
    public static Map<String, ReviewEndpoint> endpoints(PoolAddresses addresses, PoolOverlaps overlaps, OverlapPolicy overlapPolicy) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        Map<String, ReviewEndpoint> endpoints = new HashMap<>();
        for (PoolKind kind : PoolKind.values()) {
            AdmissionPolicy validation = kind.handsOutPrefixes()
                    ? new PoolValidation<>(kind, new PrefixPoolRules<>(kind.specClass().asSubclass(InClusterPrefixPoolSpec.class)),
                            addresses, overlaps, overlapPolicy, serialization)
                    : new PoolValidation<>(kind, new AddressPoolRules<>(kind.specClass().asSubclass(InClusterIPPoolSpec.class)),
                            addresses, overlaps, overlapPolicy, serialization);
            AdmissionPolicy defaulting = kind.handsOutPrefixes() ? new PrefixPoolDefaulting() : NOTHING_TO_DEFAULT;
            endpoints.put(validatingPath(kind), new AdmissionEndpoint(validation, serialization));
            endpoints.put(mutatingPath(kind), new AdmissionEndpoint(defaulting, serialization));
        }
        endpoints.put(CONVERSION_PATH, new ConversionEndpoint(serialization));
        return Map.copyOf(endpoints);
    }
}
