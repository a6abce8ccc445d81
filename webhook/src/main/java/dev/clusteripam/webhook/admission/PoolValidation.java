package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.SelectsNamespaces;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.core.overlap.OverlapText;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorValidator;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validating webhook of one pool kind (SPEC 2.10): a new pool must pass core's rules; a changed
 * spec must pass them too and strand no allocated address; a pool that IPAddresses name cannot be
 * deleted (see {@link DeletionGuard}). A new or changed pool that shares addresses with another pool
 * is admitted with a warning naming the other pool and the shared ranges, or refused with
 * {@code --overlapping-pools=refuse}.
 *
 * <p>An update that leaves the spec as it was (a label, an annotation, a finalizer) is allowed
 * without a check: it cannot strand an address, and the provider must be able to remove its
 * finalizer even from a pool that older rules let in.
 */
public final class PoolValidation<S> implements AdmissionPolicy {

    private final PoolKind kind;
    private final PoolRules<S> rules;
    private final PoolAddresses addresses;
    private final DeletionGuard deletionGuard;
    private final PoolOverlaps overlaps;
    private final OverlapPolicy overlapPolicy;
    private final KubernetesSerialization serialization;

    public PoolValidation(PoolKind kind, PoolRules<S> rules, PoolAddresses addresses, PoolOverlaps overlaps, OverlapPolicy overlapPolicy,
            KubernetesSerialization serialization) {
        this.kind = kind;
        this.rules = rules;
        this.addresses = addresses;
        this.deletionGuard = new DeletionGuard(addresses);
        this.overlaps = overlaps;
        this.overlapPolicy = overlapPolicy;
        this.serialization = serialization;
    }

    @Override
    public AdmissionVerdict admit(AdmissionRequest request) {
        try {
            return switch (request.getOperation()) {
                case "CREATE" -> onCreate(decode(request.getObject()), request);
                case "UPDATE" -> onUpdate(decode(request.getOldObject()), decode(request.getObject()), request);
                case "DELETE" -> onDelete(decode(request.getOldObject()), request);
                default -> AdmissionVerdict.allow(List.of());
            };
        } catch (UndecodablePoolException e) {
            Status refusal = e.fieldError()
                    .map(error -> Refusals.invalid(kind.kind(), request.getName(), List.of(error)))
                    .orElseGet(() -> Refusals.badRequest(kind + " " + request.getName() + ": " + e.getMessage()));
            return AdmissionVerdict.refuse(refusal, List.of());
        } catch (AllocationsUnavailableException e) {
            // Guessing could let an update or a deletion strand addresses, or let in an overlap refuse mode keeps out;
            // the client may retry.
            return AdmissionVerdict.refuse(Refusals.unavailable("cannot check " + kind + " \"" + request.getName()
                    + "\" against its allocated IPAddresses yet (" + e.getMessage() + "); retry shortly"), List.of());
        }
    }

    private AdmissionVerdict onCreate(PoolObject<S> pool, AdmissionRequest request) throws AllocationsUnavailableException {
        return withOverlaps(pool, request, verdict(pool, rules.validate(pool.spec()), pool.spec()));
    }

    private AdmissionVerdict onUpdate(PoolObject<S> old, PoolObject<S> pool, AdmissionRequest request)
            throws AllocationsUnavailableException {
        if (old.spec().equals(pool.spec())) {
            return AdmissionVerdict.allow(List.of());
        }
        return withOverlaps(pool, request, verdict(pool,
                rules.validateUpdate(old.spec(), pool.spec(), addresses.addressesOf(poolOf(pool, request))), pool.spec()));
    }

    /**
     * An admitted pool checked against every other pool: a warning per pool it shares addresses
     * with, or (with {@link OverlapPolicy#REFUSE}) a refusal naming them. A pool refused for its spec
     * is not checked.
     */
    private AdmissionVerdict withOverlaps(PoolObject<S> pool, AdmissionRequest request, AdmissionVerdict verdict)
            throws AllocationsUnavailableException {
        Optional<PoolAddressSet> addressSet = rules.addressSet(pool.spec());
        if (!verdict.allowed() || addressSet.isEmpty()) {
            return verdict;
        }
        List<Overlap<PoolIdentity>> shared;
        try {
            shared = overlaps.overlapsWith(poolOf(pool, request), addressSet.get());
        } catch (AllocationsUnavailableException e) {
            if (overlapPolicy.refusesOverlaps()) {
                // Guessing could let in a pool that refuse mode is there to keep out; the client may retry.
                throw e;
            }
            List<String> warnings = new ArrayList<>(verdict.warnings());
            warnings.add("not checked for addresses shared with other pools: " + e.getMessage());
            return AdmissionVerdict.allow(warnings);
        }
        if (shared.isEmpty()) {
            return verdict;
        }
        if (overlapPolicy.refusesOverlaps()) {
            List<FieldError> errors = shared.stream()
                    .limit(OverlapText.MAX_POOLS)
                    .map(overlap -> new FieldError(rules.addressesField(), OverlapText.ranges(overlap), "shares these addresses with "
                            + overlap.other().quoted() + " (--overlapping-pools=" + overlapPolicy.flagValue() + ")"))
                    .toList();
            return AdmissionVerdict.refuse(Refusals.invalid(kind.kind(), pool.metadata().getName(), errors), verdict.warnings());
        }
        List<String> warnings = new ArrayList<>(verdict.warnings());
        shared.stream().limit(OverlapText.MAX_POOLS)
                .map(overlap -> "shares addresses with " + overlap.other().quoted() + ": " + OverlapText.ranges(overlap))
                .forEach(warnings::add);
        if (shared.size() > OverlapText.MAX_POOLS) {
            warnings.add("shares addresses with " + (shared.size() - OverlapText.MAX_POOLS) + " more pools");
        }
        return AdmissionVerdict.allow(warnings);
    }

    private AdmissionVerdict onDelete(PoolObject<S> pool, AdmissionRequest request) throws AllocationsUnavailableException {
        return deletionGuard.check(poolOf(pool, request), pool.metadata().getAnnotations());
    }

    /** The verdict on the rules' validation and, for a global pool, on its namespace selector. */
    private AdmissionVerdict verdict(PoolObject<S> pool, Validation<?> rules, S spec) {
        Validation<?> validation = spec instanceof SelectsNamespaces global
                ? rules.withErrors(LabelSelectorValidator.validate(SelectsNamespaces.FIELD, global.namespaceSelectorSpec())
                        .errors())
                : rules;
        if (validation.isValid()) {
            return AdmissionVerdict.allow(validation.warnings());
        }
        return AdmissionVerdict.refuse(Refusals.invalid(kind.kind(), pool.metadata().getName(), validation.errors()),
                validation.warnings());
    }

    private PoolObject<S> decode(Object object) throws UndecodablePoolException {
        return PoolObject.decode(object, rules.specType(), serialization);
    }

    /** The pool itself; the request names the namespace of a namespaced one even when the object leaves it out. */
    private PoolIdentity poolOf(PoolObject<S> pool, AdmissionRequest request) {
        String namespace = pool.metadata().getNamespace() != null ? pool.metadata().getNamespace() : request.getNamespace();
        return PoolIdentity.of(kind, namespace, pool.metadata().getName());
    }
}
