package dev.clusteripam.core.alloc;

import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.RequestedItem;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A pool's allocator with its {@link PreAllocations} and claims that ask for an item. Items kept
 * for a claim are taken in the underlying allocator from the start, so that neither the lowest-free
 * choice nor {@link #allocate} ever hands them to anyone; only {@link #allocateFor} with the
 * claim's name does. They count as used whether their claim holds them yet or not.
 *
 * <p>What a claim gets, in this order: the item it holds already is the caller's to know (it is
 * never asked again); the item kept for its name, which wins over the item it asks for; the item
 * it asks for, when that is free and kept for nobody; the lowest free item when it asks for none.
 * A claim that asks for an item it cannot have is refused, never given another one.
 *
 * @param <T> what the pool hands out
 */
public final class PreAllocatingAllocator<T> implements Allocator<T> {

    private final Allocator<T> allocator;
    private final PreAllocations<T> kept;
    private final Set<T> keptAndHeld = new HashSet<>();

    /** @param allocator a fresh allocator of the pool the pre-allocations were validated against */
    public PreAllocatingAllocator(Allocator<T> allocator, PreAllocations<T> kept) {
        this.allocator = allocator;
        this.kept = kept;
        kept.byClaim().values().forEach(allocator::markUsed);
    }

    public PreAllocations<T> preAllocations() {
        return kept;
    }

    /** What a claim that holds nothing yet gets; see the class comment for the order. */
    public sealed interface Choice<T> permits Taken, InUse, KeptForAnother, Unfit, Full {
    }

    /** The claim now holds {@code item}; {@code kept} when it was kept for the claim by a pre-allocation. */
    public record Taken<T>(T item, boolean kept) implements Choice<T> {
    }

    /** The item kept for the claim, or the item it asks for, is held by another holder. */
    public record InUse<T>(T item, boolean kept) implements Choice<T> {
    }

    /** The item the claim asks for is kept for the claim named {@code claim}. */
    public record KeptForAnother<T>(T item, String claim) implements Choice<T> {
    }

    /** What the claim asks for is nothing the pool would hand out. */
    public record Unfit<T>(RequestedItem<T> requested) implements Choice<T> {
    }

    /** The claim asks for nothing in particular and no item is free. */
    public record Full<T>() implements Choice<T> {
    }

    /**
     * Takes an item for the claim named {@code claim}, which holds none yet.
     *
     * @param requested what the claim asks for, read against this pool
     */
    public Choice<T> allocateFor(String claim, Optional<RequestedItem<T>> requested) {
        Optional<T> keptForClaim = kept.itemFor(claim);
        if (keptForClaim.isPresent()) {
            T item = keptForClaim.get();
            return keptAndHeld.add(item) ? new Taken<>(item, true) : new InUse<>(item, true);
        }
        if (requested.isEmpty()) {
            return allocateNext().<Choice<T>>map(item -> new Taken<>(item, false)).orElseGet(Full::new);
        }
        if (requested.get().item().isEmpty()) {
            return new Unfit<>(requested.get());
        }
        T item = requested.get().item().get();
        Optional<String> keptFor = kept.claimFor(item);
        if (keptFor.isPresent()) {
            return new KeptForAnother<>(item, keptFor.get());
        }
        return allocator.allocate(item) ? new Taken<>(item, false) : new InUse<>(item, false);
    }

    /** The lowest free item; never one kept for a claim. */
    @Override
    public Optional<T> allocateNext() {
        return allocator.allocateNext();
    }

    /** Takes {@code item} unless it is in use or kept for a claim. */
    @Override
    public boolean allocate(T item) {
        return kept.claimFor(item).isEmpty() && allocator.allocate(item);
    }

    /** Records an existing allocation; a kept item is then held (by its claim or, against the spec's intent, by another). */
    @Override
    public boolean markUsed(T item) {
        return kept.claimFor(item).isPresent() ? keptAndHeld.add(item) : allocator.markUsed(item);
    }

    /** Gives {@code item} back; a kept item stays kept for its claim. */
    @Override
    public boolean release(T item) {
        return kept.claimFor(item).isPresent() ? keptAndHeld.remove(item) : allocator.release(item);
    }

    @Override
    public boolean isFree(T item) {
        return kept.claimFor(item).isEmpty() && allocator.isFree(item);
    }

    /** Whether a holder holds {@code item}, which is kept for a claim. */
    public boolean isKeptAndHeld(T item) {
        return keptAndHeld.contains(item);
    }

    /** The counts of the underlying allocator: kept items count as used, held or not. */
    @Override
    public PoolUsage usage() {
        return allocator.usage();
    }
}
