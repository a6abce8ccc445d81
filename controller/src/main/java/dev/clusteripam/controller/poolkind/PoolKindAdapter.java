package dev.clusteripam.controller.poolkind;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.controller.allocation.SubnetUsage;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.controller.namespace.PoolSelector;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapText;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What differs between IP pools and prefix pools, in one small adapter per family (as upstream has
 * one handler per pool kind): what the pool hands out, how an IPAddress's item is read, the reuse
 * grace period and the shape of the status. Everything else treats every kind alike.
 */
public interface PoolKindAdapter {

    static PoolKindAdapter of(PoolKind kind) {
        return kind.handsOutPrefixes() ? PrefixPoolAdapter.INSTANCE : IPPoolAdapter.INSTANCE;
    }

    /** What the pool hands out, when its spec is valid; every error of the spec otherwise. */
    Validation<? extends PoolItems<?>> items(HasMetadata pool);

    /** The addresses a valid pool may hand out, to find pools that share them; empty when the spec is invalid. */
    Optional<PoolAddressSet> addressSet(HasMetadata pool);

    /** The item an IPAddress of such a pool carries, as the ledger records it; empty when it does not parse. */
    Optional<LedgerItem> ledgerItemOf(IPAddress address);

    /** How long a released item stays taken after its claim is deleted; empty when it is free at once. */
    Optional<Duration> reuseGracePeriod(HasMetadata pool);

    /**
     * The status as the pool would show it: counts (of the pool, and of each subnet of an IP pool
     * with {@code spec.subnets}), the {@code Ready} condition, the {@code Overlapping} condition and,
     * for a global pool with a namespace selector, the {@code HeldOutsideSelector} condition.
     *
     * @param subnets each subnet's counts when the pool has more than one subnet, else empty
     */
    record PoolStatus(PoolUsage usage, List<SubnetUsage> subnets, boolean ready, String reason, String message,
            Optional<HeldOutsideSelector> outside, Overlapping overlapping) {

        public PoolStatus {
            subnets = List.copyOf(subnets);
        }
    }

    /**
     * How many of a global pool's IPAddresses are held by claims of namespaces its selector does not
     * select; they keep their addresses, and the condition tells the operator.
     */
    record HeldOutsideSelector(long held, String message) {

        public static final String TYPE = "HeldOutsideSelector";
        static final String HELD = "AddressesOutsideSelector";
        static final String NONE = "NoneOutsideSelector";
    }

    /**
     * The {@code Overlapping} condition: whether the pool shares addresses with another, with which
     * and where, and which of its addresses an IPAddress of another pool holds too.
     */
    record Overlapping(boolean overlapping, String reason, String message) {

        public static final String TYPE = "Overlapping";
        public static final String POOLS_OVERLAP = "PoolsOverlap";
        public static final String NO_OVERLAP = "NoOverlap";
        /** How many addresses held twice the message names; it counts the rest. */
        static final int HELD_TWICE_NAMED = 5;

        /**
         * {@code overlaps} as the condition says it.
         *
         * @param heldTwice the pool's addresses an IPAddress of another pool holds too, each as
         *     {@code "10.0.0.5 (ns/name of InClusterIPPool/ns/b)"}: handed out by both pools before
         *     {@code --overlapping-pools=exclusive}, and left as they are
         */
        public static Overlapping of(List<? extends Overlap<?>> overlaps, List<String> heldTwice) {
            if (overlaps.isEmpty()) {
                return new Overlapping(false, NO_OVERLAP, "shares no address with another pool");
            }
            String twice = heldTwice.isEmpty() ? "" : "; " + heldTwice.size() + " of its addresses are held by an IPAddress of"
                    + " another pool too, left as they are: " + Excerpt.list(heldTwice, HELD_TWICE_NAMED);
            return new Overlapping(true, POOLS_OVERLAP, Excerpt.ofMessage("shares addresses " + OverlapText.describe(overlaps) + twice));
        }
    }

    /** Puts {@code wanted} on the pool's status; whether anything changed. */
    boolean writeStatus(HasMetadata pool, PoolStatus wanted, ReadyCondition ready);

    /**
     * What a pool hands out, given core's verdict on its spec and on what it keeps for named claims
     * ({@code spec.preAllocations}, judged only against a valid spec); a global pool whose namespace
     * selector does not parse is as invalid as one with a bad address.
     */
    static <M> Validation<? extends PoolItems<?>> itemsOf(HasMetadata pool, Validation<M> spec,
            Function<M, Validation<? extends PoolItems<?>>> items) {
        Validation<M> whole = spec.withErrors(PoolSelector.of(pool).errors());
        if (!whole.isValid()) {
            return Validation.invalid(whole.errors(), whole.warnings());
        }
        Validation<? extends PoolItems<?>> built = items.apply(whole.model().orElseThrow());
        return built.isValid()
                ? Validation.valid(built.model().orElseThrow(), whole.warnings())
                : Validation.invalid(built.errors(), whole.warnings());
    }

    /** A pool's items with its pre-allocations, or the pre-allocations' errors. */
    static <T> Validation<? extends PoolItems<?>> withPreAllocations(Validation<PreAllocations<T>> kept,
            Function<PreAllocations<T>, PoolItems<?>> items) {
        return kept.isValid() ? Validation.valid(items.apply(kept.orElseThrow()), kept.warnings())
                : Validation.invalid(kept.errors(), kept.warnings());
    }

    /**
     * Puts the counts and the conditions on a status of either shape; whether anything changed.
     *
     * @param counts the counts as {@code wanted} says, in the status's own type
     */
    static <C> boolean write(HasMetadata pool, PoolStatus wanted, ReadyCondition ready, C counts, Supplier<C> currentCounts,
            Consumer<C> setCounts, Supplier<List<Condition>> conditions, Consumer<List<Condition>> setConditions) {
        boolean countsChanged = !counts.equals(currentCounts.get());
        setCounts.accept(counts);
        Long generation = pool.getMetadata().getGeneration();
        boolean readyChanged = ready.set(conditions.get(), setConditions, wanted.ready(), wanted.reason(), wanted.message(),
                generation);
        Overlapping overlapping = wanted.overlapping();
        boolean overlappingChanged = ready.set(Overlapping.TYPE, conditions.get(), setConditions, overlapping.overlapping(),
                overlapping.reason(), overlapping.message(), generation);
        boolean outsideChanged = wanted.outside().isEmpty()
                ? ReadyCondition.remove(HeldOutsideSelector.TYPE, conditions.get(), setConditions)
                : ready.set(HeldOutsideSelector.TYPE, conditions.get(), setConditions, wanted.outside().get().held() > 0,
                        wanted.outside().get().held() > 0 ? HeldOutsideSelector.HELD : HeldOutsideSelector.NONE,
                        wanted.outside().get().message(), generation);
        return readyChanged || overlappingChanged || outsideChanged || countsChanged;
    }
}
