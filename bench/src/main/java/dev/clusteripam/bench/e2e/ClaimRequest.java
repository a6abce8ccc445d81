package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** A claim the harness makes: its name and the pool (kind and name, in the benchmark's namespace) it asks. */
record ClaimRequest(String name, String poolKind, String poolName) {

    static final String GROUP = "ipam.cluster.x-k8s.io";

    /** A pool of the benchmark's namespace, by kind and name. */
    record PoolName(String kind, String name) {
    }

    IPAddressClaim toClaim(String namespace) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference(GROUP, poolKind, poolName));
        claim.setSpec(spec);
        return claim;
    }
}
