package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.api.ipam.v1alpha2.PrefixPool;
import dev.clusteripam.api.ledger.LedgerGroup;
import dev.clusteripam.bench.chaos.ClusterState.Address;
import dev.clusteripam.bench.chaos.ClusterState.Claim;
import dev.clusteripam.bench.chaos.ClusterState.LedgerEntry;
import dev.clusteripam.bench.chaos.ClusterState.Pool;
import dev.clusteripam.bench.chaos.ClusterState.PoolRef;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Reads a {@link ClusterState} from the API server. Everything is read as generic objects and
 * taken apart by hand, so that a poison object the provider's model cannot hold (an int field
 * beyond int32) is still seen, and counted, instead of failing the read.
 */
final class ClusterReader {

    /** The label the suite puts on objects it makes by hand as poison; the invariants leave them out. */
    static final String HAND_MADE_LABEL = "chaos.cluster-ipam.dev/hand-made";

    private static final String CAPI_IPAM = "ipam.cluster.x-k8s.io/v1beta2";

    private final KubernetesClient client;

    ClusterReader(KubernetesClient client) {
        this.client = client;
    }

    ClusterState read() {
        List<String> undecodable = new ArrayList<>();
        List<Pool> pools = new ArrayList<>();
        for (PoolKind kind : PoolKind.values()) {
            for (GenericKubernetesResource object : list(PoolKind.GROUP + "/v1alpha2", kind.kind())) {
                PoolRef ref = new PoolRef(kind.kind(), namespaceOf(object), object.getMetadata().getName());
                pools.add(new Pool(ref, allocatable(kind, object, ref, undecodable)));
            }
        }
        List<Claim> claims = list(CAPI_IPAM, "IPAddressClaim").stream().map(ClusterReader::claim).toList();
        List<Address> addresses = list(CAPI_IPAM, "IPAddress").stream().map(ClusterReader::address).toList();
        List<LedgerEntry> ledger = new ArrayList<>();
        for (GenericKubernetesResource block : list(LedgerGroup.NAME + "/v1alpha1", "IPAllocationBlock")) {
            Map<String, Object> spec = map(block.getAdditionalProperties().get("spec"));
            PoolRef pool = new PoolRef(text(spec.get("poolKind")), text(spec.get("poolNamespace")), text(spec.get("poolName")));
            map(spec.get("holders")).forEach((item, holder) -> ledger.add(new LedgerEntry(pool, item, text(holder), handMade(block))));
        }
        return new ClusterState(pools, claims, addresses, ledger, undecodable);
    }

    /** The claims of one namespace. */
    List<Claim> claimsIn(String namespace) {
        return client.genericKubernetesResources(CAPI_IPAM, "IPAddressClaim").inNamespace(namespace).list().getItems().stream()
                .map(ClusterReader::claim).toList();
    }

    private List<GenericKubernetesResource> list(String apiVersion, String kind) {
        return client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems();
    }

    private Optional<BiPredicate<String, Long>> allocatable(PoolKind kind, GenericKubernetesResource object, PoolRef ref,
            List<String> undecodable) {
        try {
            if (kind.handsOutPrefixes()) {
                PrefixPool pool = (PrefixPool) client.getKubernetesSerialization().convertValue(object, kind.modelClass());
                return PrefixPoolValidator.validate(pool.getSpec().toPrefixPoolSpec()).model()
                        .map(model -> (address, prefix) -> prefix(address, prefix).filter(model::isAllocatable).isPresent());
            }
            IPPool pool = (IPPool) client.getKubernetesSerialization().convertValue(object, kind.modelClass());
            Optional<AddressPool> model = AddressPoolValidator.validate(pool.getSpec().toAddressPoolSpec()).model();
            // An address must carry the prefix of the subnet it lies in.
            return model.map(m -> (address, prefix) -> parse(address).filter(m::isAllocatable)
                    .flatMap(m::subnetOf).filter(subnet -> prefix == subnet.prefixLength()).isPresent());
        } catch (RuntimeException e) {
            undecodable.add(ref + ": " + Bounded.text(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    private static Claim claim(GenericKubernetesResource object) {
        Map<String, Object> spec = map(object.getAdditionalProperties().get("spec"));
        Map<String, Object> status = map(object.getAdditionalProperties().get("status"));
        Map<String, Object> poolRef = map(spec.get("poolRef"));
        String kind = text(poolRef.get("kind"));
        boolean global = PoolKind.of(kind).map(k -> !k.isNamespaced()).orElse(false);
        PoolRef pool = new PoolRef(kind, global ? "" : namespaceOf(object), text(poolRef.get("name")));
        boolean ready = list(status.get("conditions")).stream().map(ClusterReader::map)
                .anyMatch(condition -> "Ready".equals(condition.get("type")) && "True".equals(condition.get("status")));
        Optional<String> addressRef = Optional.ofNullable(map(status.get("addressRef")).get("name")).map(Object::toString)
                .filter(name -> !name.isEmpty());
        return new Claim(namespaceOf(object), object.getMetadata().getName(), pool,
                object.getMetadata().getDeletionTimestamp() != null, ready, addressRef);
    }

    private static Address address(GenericKubernetesResource object) {
        Map<String, Object> spec = map(object.getAdditionalProperties().get("spec"));
        Map<String, Object> poolRef = map(spec.get("poolRef"));
        String kind = text(poolRef.get("kind"));
        boolean global = PoolKind.of(kind).map(k -> !k.isNamespaced()).orElse(false);
        long prefix = spec.get("prefix") instanceof Number number ? number.longValue() : -1;
        return new Address(namespaceOf(object), object.getMetadata().getName(), text(spec.get("address")), prefix,
                new PoolRef(kind, global ? "" : namespaceOf(object), text(poolRef.get("name"))),
                text(map(spec.get("claimRef")).get("name")), handMade(object));
    }

    private static boolean handMade(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && labels.containsKey(HAND_MADE_LABEL);
    }

    private static String namespaceOf(GenericKubernetesResource object) {
        return object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
    }

    /** The sub-prefix an IPAddress of a prefix pool stands for; empty when it is none (a length out of range, a host address). */
    private static Optional<IpPrefix> prefix(String address, long length) {
        try {
            return parse(address).filter(base -> length >= 0 && length <= base.family().bits())
                    .map(base -> new IpPrefix(base, (int) length));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<IpAddress> parse(String text) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
