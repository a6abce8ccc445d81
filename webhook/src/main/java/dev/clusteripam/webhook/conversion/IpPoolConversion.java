package dev.clusteripam.webhook.conversion;

import dev.clusteripam.api.ipam.SelectsNamespaces;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts {@code InClusterIPPool} and {@code GlobalInClusterIPPool} between {@code v1alpha1} and
 * {@code v1alpha2} (the stored version), as upstream does.
 *
 * <p>Upward, a {@code v1alpha1} spec gets the defaults of its {@link SubnetForm}, and {@code
 * start-end} joins {@code addresses} as a range. Downward, {@code addresses}, {@code prefix} and
 * {@code gateway} carry over. A global pool's {@code namespaceSelector} and the status counts carry over
 * both ways.
 *
 * <p>What the other version cannot express travels in the annotation {@value #CONVERSION_DATA_ANNOTATION},
 * Cluster API's convention, which upstream uses too:
 *
 * <ul>
 *   <li>a {@code v1alpha2} pool written as {@code v1alpha1} with {@code subnet}, {@code start} or
 *       {@code end} keeps that {@code v1alpha1} object in it, and reads back in that form as long as
 *       its addresses, prefix and gateway still say the same; upstream writes and reads it the same
 *       way (for both kinds; upstream's {@code GlobalInClusterIPPool} restores it even after the
 *       addresses changed, showing a stale spec, which we do not copy);
 *   <li>beyond upstream, a {@code v1alpha1} view of a pool with {@code v1alpha2}-only content
 *       ({@code excludedAddresses}, {@code allocateReservedIPAddresses}, {@code
 *       addressReuseGracePeriodSeconds}, {@code subnets}, {@code preAllocations}, conditions and
 *       per-subnet counts) carries the {@code v1alpha2} object in it, and a write of that view
 *       restores those fields. Upstream loses them on such a write. A pool's further subnets have no
 *       {@code v1alpha1} form: its {@code v1alpha1} view shows the first subnet (the top-level fields) alone.
 * </ul>
 */
public final class IpPoolConversion {

    private static final Logger LOG = LoggerFactory.getLogger(IpPoolConversion.class);

    /** Cluster API's annotation for the fields the other API version lacks. */
    public static final String CONVERSION_DATA_ANNOTATION = ConversionData.ANNOTATION;

    private final KubernetesSerialization serialization;
    private final ConversionData conversionData;

    public IpPoolConversion(KubernetesSerialization serialization) {
        this.serialization = serialization;
        this.conversionData = new ConversionData(serialization);
    }

    /**
     * Converts {@code source} into {@code target}, a new pool of the same kind whose spec class is
     * {@code specClass}, and returns it.
     */
    public <S extends InClusterIPPoolSpec, T extends IPPool<S>> T toV1alpha2(
            dev.clusteripam.api.ipam.v1alpha1.IPPool<?> source, T target, Class<S> specClass)
            throws ConversionException {
        ObjectMeta metadata = copyOf(source.getMetadata());
        Optional<Map<String, Object>> stashed = conversionData.take(metadata);
        dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec legacy = SubnetForm.withDefaults(
                Objects.requireNonNullElseGet(source.getSpec(), dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec::new),
                source.getKind(), metadata.getName());

        InClusterIPPoolSpec spec = toV1alpha2(legacy);
        InClusterIPPoolStatus status = toV1alpha2(source.getStatus());
        if (stashed.isPresent()) {
            status = restoreV1alpha2Only(stashed.get(), spec, status);
        }
        if (SubnetForm.isUsedBy(legacy)) {
            // Upstream keeps the v1alpha1 object with the defaults from its subnet filled in.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("apiVersion", source.getApiVersion());
            data.put("kind", source.getKind());
            data.put("spec", legacy);
            if (source.getStatus() != null) {
                data.put("status", source.getStatus());
            }
            conversionData.put(metadata, data);
        }
        target.setMetadata(metadata);
        target.setSpec(ofKind(spec, specClass, source.getSpec()));
        target.setStatus(status);
        return target;
    }

    /**
     * Converts {@code source} into {@code target}, a new pool of the same kind whose spec class is
     * {@code specClass}, and returns it.
     */
    public <S extends dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec,
            T extends dev.clusteripam.api.ipam.v1alpha1.IPPool<S>> T toV1alpha1(
            IPPool<?> source, T target, Class<S> specClass) {
        ObjectMeta metadata = copyOf(source.getMetadata());
        Optional<Map<String, Object>> stashed = conversionData.take(metadata);
        InClusterIPPoolSpec spec = Objects.requireNonNullElseGet(source.getSpec(), InClusterIPPoolSpec::new);

        dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec legacy = stashed
                .flatMap(data -> restorableSubnetForm(data, spec, source.getKind(), metadata.getName()))
                .orElseGet(() -> toV1alpha1(spec));
        if (hasV1alpha2OnlyContent(spec, source.getStatus())) {
            conversionData.put(metadata, source);
        }
        target.setMetadata(metadata);
        target.setSpec(ofKind(legacy, specClass, source.getSpec()));
        target.setStatus(toV1alpha1(source.getStatus()));
        return target;
    }

    // ---- v1alpha1 -> v1alpha2 -------------------------------------------------------------------

    private static InClusterIPPoolSpec toV1alpha2(dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec legacy) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec();
        List<String> addresses = legacy.getAddresses() == null ? null : new ArrayList<>(legacy.getAddresses());
        if (!isEmpty(legacy.getStart()) && !isEmpty(legacy.getEnd())) {
            addresses = addresses == null ? new ArrayList<>() : addresses;
            addresses.add(legacy.getStart() + "-" + legacy.getEnd());
        }
        spec.setAddresses(addresses);
        // v1alpha2 requires a prefix; upstream's Go writes 0 when v1alpha1 has none, which the webhook then refuses.
        spec.setPrefix(legacy.getPrefix() == null ? 0 : legacy.getPrefix());
        spec.setGateway(emptyToNull(legacy.getGateway()));
        return spec;
    }

    private static InClusterIPPoolStatus toV1alpha2(dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolStatus legacy) {
        if (legacy == null) {
            return null;
        }
        InClusterIPPoolStatus status = new InClusterIPPoolStatus();
        dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts counts = legacy.getIpAddresses();
        if (counts != null) {
            IPAddressCounts converted = new IPAddressCounts();
            converted.setTotal(counts.getTotal());
            converted.setFree(counts.getFree());
            converted.setUsed(counts.getUsed());
            converted.setOutOfRange(counts.getOutOfRange());
            status.setIpAddresses(converted);
        }
        return status;
    }

    /**
     * Puts back the {@code v1alpha2}-only fields a {@code v1alpha1} view carried in its annotation;
     * returns the status, made when only the restored conditions need one.
     */
    private InClusterIPPoolStatus restoreV1alpha2Only(Map<String, Object> stashed, InClusterIPPoolSpec spec,
            InClusterIPPoolStatus status) {
        try {
            if (stashed.get("spec") instanceof Map<?, ?> stashedSpec) {
                InClusterIPPoolSpec v1alpha2 = serialization.convertValue(stashedSpec, InClusterIPPoolSpec.class);
                spec.setExcludedAddresses(v1alpha2.getExcludedAddresses());
                spec.setAllocateReservedIPAddresses(v1alpha2.getAllocateReservedIPAddresses());
                spec.setAddressReuseGracePeriodSeconds(v1alpha2.getAddressReuseGracePeriodSeconds());
                spec.setSubnets(v1alpha2.getSubnets());
                spec.setPreAllocations(v1alpha2.getPreAllocations());
            }
            if (stashed.get("status") instanceof Map<?, ?> stashedStatus) {
                InClusterIPPoolStatus v1alpha2 = serialization.convertValue(stashedStatus, InClusterIPPoolStatus.class);
                boolean conditions = v1alpha2.getConditions() != null && !v1alpha2.getConditions().isEmpty();
                boolean subnets = v1alpha2.getSubnets() != null && !v1alpha2.getSubnets().isEmpty();
                if (conditions || subnets) {
                    InClusterIPPoolStatus result = status == null ? new InClusterIPPoolStatus() : status;
                    result.setConditions(v1alpha2.getConditions());
                    result.setSubnets(v1alpha2.getSubnets());
                    return result;
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("conversion data not restored: it does not read as v1alpha2: {}", e.getMessage());
        }
        return status;
    }

    // ---- v1alpha2 -> v1alpha1 -------------------------------------------------------------------

    /**
     * The {@code v1alpha1} spec a {@code v1alpha1} write left in the annotation, when it still says
     * what {@code spec} says: the same addresses, prefix and gateway once converted up.
     */
    private Optional<dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec> restorableSubnetForm(Map<String, Object> stashed,
            InClusterIPPoolSpec spec, String kind, String name) {
        if (!(stashed.get("spec") instanceof Map<?, ?> stashedSpec)) {
            return Optional.empty();
        }
        try {
            dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec legacy = SubnetForm.withDefaults(
                    serialization.convertValue(stashedSpec, dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec.class),
                    kind, name);
            return saySame(toV1alpha2(legacy), spec) ? Optional.of(legacy) : Optional.empty();
        } catch (ConversionException | IllegalArgumentException e) {
            LOG.debug("conversion data not restored: {} \"{}\": {}", kind, name, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean saySame(InClusterIPPoolSpec a, InClusterIPPoolSpec b) {
        return Objects.equals(orEmpty(a.getAddresses()), orEmpty(b.getAddresses()))
                && Objects.equals(orZero(a.getPrefix()), orZero(b.getPrefix()))
                && Objects.equals(emptyToNull(a.getGateway()), emptyToNull(b.getGateway()));
    }

    private static dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec toV1alpha1(InClusterIPPoolSpec spec) {
        dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec legacy = new dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec();
        legacy.setAddresses(spec.getAddresses() == null || spec.getAddresses().isEmpty() ? null : new ArrayList<>(spec.getAddresses()));
        legacy.setPrefix(orZero(spec.getPrefix()) == 0 ? null : spec.getPrefix());
        legacy.setGateway(emptyToNull(spec.getGateway()));
        return legacy;
    }

    private static dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolStatus toV1alpha1(InClusterIPPoolStatus status) {
        if (status == null) {
            return null;
        }
        dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolStatus legacy = new dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolStatus();
        IPAddressCounts counts = status.getIpAddresses();
        if (counts != null) {
            legacy.setIpAddresses(new dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts(
                    counts.getTotal(), counts.getFree(), counts.getUsed(), counts.getOutOfRange()));
        }
        return legacy;
    }

    private static boolean hasV1alpha2OnlyContent(InClusterIPPoolSpec spec, InClusterIPPoolStatus status) {
        return !orEmpty(spec.getExcludedAddresses()).isEmpty()
                || Boolean.TRUE.equals(spec.getAllocateReservedIPAddresses())
                || spec.getAddressReuseGracePeriodSeconds() != null
                || (spec.getSubnets() != null && !spec.getSubnets().isEmpty())
                || !spec.preAllocationsOrEmpty().isEmpty()
                || (status != null && status.getConditions() != null && !status.getConditions().isEmpty())
                || (status != null && status.getSubnets() != null && !status.getSubnets().isEmpty());
    }

    // ---- both ways ------------------------------------------------------------------------------

    /**
     * {@code spec} as the spec class of the target's kind: a global pool's spec has a namespace
     * selector in both versions, taken over from {@code sourceSpec} unchanged.
     */
    private <S> S ofKind(Object spec, Class<S> specClass, Object sourceSpec) {
        S converted = serialization.convertValue(spec, specClass);
        if (converted instanceof SelectsNamespaces global && sourceSpec instanceof SelectsNamespaces selecting) {
            global.setNamespaceSelector(selecting.getNamespaceSelector());
        }
        return converted;
    }

    private static ObjectMeta copyOf(ObjectMeta metadata) {
        return metadata == null ? new ObjectMeta() : new ObjectMetaBuilder(metadata).build();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String emptyToNull(String text) {
        return isEmpty(text) ? null : text;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static int orZero(Integer number) {
        return number == null ? 0 : number;
    }
}
