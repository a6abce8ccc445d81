package dev.clusteripam.webhook.admission;

import dev.clusteripam.core.pool.PrefixPoolSpec;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.List;
import java.util.Map;

/**
 * The mutating webhook of the prefix pools, as upstream's {@code Default}: an absent or zero
 * {@code spec.allocationPrefixLength} becomes 64. The CRD's default fills an absent one before any
 * webhook runs, so in practice only an explicit 0 is patched.
 */
public final class PrefixPoolDefaulting implements AdmissionPolicy {

    private static final int DEFAULT_LENGTH = PrefixPoolSpec.DEFAULT_ALLOCATION_PREFIX_LENGTH;

    @Override
    public AdmissionVerdict admit(AdmissionRequest request) {
        if (!(request.getObject() instanceof Map<?, ?> object)) {
            return AdmissionVerdict.allow(List.of());
        }
        if (!(object.get("spec") instanceof Map<?, ?> spec)) {
            return AdmissionVerdict.allowPatched(
                    "[{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"allocationPrefixLength\":" + DEFAULT_LENGTH + "}}]");
        }
        Object length = spec.get("allocationPrefixLength");
        // doubleValue: 4294967296 is not zero, though its intValue is; the schema refuses it afterwards.
        if (length == null || (length instanceof Number number && number.doubleValue() == 0)) {
            return AdmissionVerdict.allowPatched(
                    "[{\"op\":\"add\",\"path\":\"/spec/allocationPrefixLength\",\"value\":" + DEFAULT_LENGTH + "}]");
        }
        return AdmissionVerdict.allow(List.of());
    }
}
