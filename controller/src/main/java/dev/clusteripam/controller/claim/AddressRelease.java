package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.allocation.Assignment;
import dev.clusteripam.controller.allocation.Holder;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.pool.PoolKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * SPEC 2.6, in the order that keeps an address taken for every writer until it is really free:
 * remove the IPAddress's finalizer, delete it, then give back its ledger entry.
 */
final class AddressRelease {

    private final KubernetesClient client;
    private final AllocationLedger ledger;

    AddressRelease(KubernetesClient client, AllocationLedger ledger) {
        this.client = client;
        this.ledger = ledger;
    }

    void release(PoolKey pool, IPAddress address) {
        var resource = client.resources(IPAddress.class)
                .inNamespace(address.getMetadata().getNamespace()).withName(address.getMetadata().getName());
        try {
            resource.edit(current -> {
                current.getMetadata().setFinalizers(IPAddresses.finalizersWithoutProtection(current));
                return current;
            });
            resource.delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        ledger.giveBack(pool, new Assignment(address.getSpec().getAddress(), address.getSpec().getPrefix(), Optional.empty()),
                Holder.of(address));
    }
}
