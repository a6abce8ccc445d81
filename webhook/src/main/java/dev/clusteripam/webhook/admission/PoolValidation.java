package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.SelectsNamespaces;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorValidator;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import dev.clusteripam.api.ipam.PoolIdentity;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * The validating webhook of one pool kind (SPEC 2.10): a new pool must pass core's rules; a changed
 * spec must pass them too and strand no allocated address; a pool that IPAddresses name cannot be
 * deleted (see {@link DeletionGuard}).
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
    private final KubernetesSerialization serialization;

    public PoolValidation(PoolKind kind, PoolRules<S> rules, PoolAddresses addresses, KubernetesSerialization serialization) {
        this.kind = kind;
        this.rules = rules;
        this.addresses = addresses;
        this.deletionGuard = new DeletionGuard(addresses);
        this.serialization = serialization;
    }

    @Override
    public AdmissionVerdict admit(AdmissionRequest request) {
        try {
            return switch (request.getOperation()) {
                case "CREATE" -> onCreate(decode(request.getObject()));
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
            // Guessing could let an update or a deletion strand addresses; the client may retry.
            return AdmissionVerdict.refuse(Refusals.unavailable("cannot check " + kind + " \"" + request.getName()
                    + "\" against its allocated IPAddresses yet (" + e.getMessage() + "); retry shortly"), List.of());
        }
    }

    private AdmissionVerdict onCreate(PoolObject<S> pool) {
        return verdict(pool, rules.validate(pool.spec()), pool.spec());
    }

    private AdmissionVerdict onUpdate(PoolObject<S> old, PoolObject<S> pool, AdmissionRequest request)
            throws AllocationsUnavailableException {
        if (old.spec().equals(pool.spec())) {
            return AdmissionVerdict.allow(List.of());
        }
        return verdict(pool, rules.validateUpdate(old.spec(), pool.spec(), addresses.addressesOf(poolOf(pool, request))),
                pool.spec());
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
