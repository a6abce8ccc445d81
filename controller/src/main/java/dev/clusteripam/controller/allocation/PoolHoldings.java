package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Choice;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Full;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Taken;
import dev.clusteripam.core.alloc.PreAllocatingAllocator;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.RequestedItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which holder holds which item of one pool, in memory, on top of core's allocator. Holders are
 * counted per item, so that an item two IPAddresses share (left behind by another provider) is
 * freed only when the last of them goes. Thread-safe: claims of one pool reconcile in parallel.
 */
final class PoolHoldings<T> {

    private final PoolItems<T> items;
    private final PreAllocatingAllocator<T> allocator;
    private final AllocationStrategy strategy;
    private final Supplier<Collection<IPAddress>> addressesOfPool;
    private final Map<Holder, T> itemByHolder = new HashMap<>();
    private final Map<T, Integer> holdersByItem = new HashMap<>();
    private long outOfRangeHolders;
    /** Holders per subnet of an IP pool, by the subnet's position in {@link PoolItems#subnets()}. */
    private final long[] subnetHolders;

    PoolHoldings(PoolItems<T> items, AllocationStrategy strategy, Supplier<Collection<IPAddress>> addressesOfPool) {
        this.items = items;
        this.allocator = new PreAllocatingAllocator<>(items.newAllocator(), items.preAllocations());
        this.strategy = strategy;
        this.addressesOfPool = addressesOfPool;
        this.subnetHolders = new long[items.subnets().size()];
    }

    /**
     * What {@code holder} holds already, or else what core's {@link PreAllocatingAllocator} chooses
     * for it: the item kept for its name, the item it asks for, or the lowest free item (found by
     * the strategy); a taken item is now held by it.
     */
    synchronized Choice<T> allocateFor(Holder holder, Optional<RequestedItem<T>> requested) {
        T held = itemByHolder.get(holder);
        if (held != null) {
            return new Taken<>(held, isKeptFor(holder, held));
        }
        Choice<T> choice = requested.isEmpty() && allocator.preAllocations().itemFor(holder.name()).isEmpty()
                ? strategy.takeNext(items, allocator, addressesOfPool).<Choice<T>>map(item -> new Taken<>(item, false))
                        .orElseGet(Full::new)
                : allocator.allocateFor(holder.name(), requested);
        if (choice instanceof Taken<T> taken) {
            record(holder, taken.item());
        }
        return choice;
    }

    /** Whether {@code item} is what the pool keeps for claims of {@code holder}'s name. */
    synchronized boolean isKeptFor(Holder holder, T item) {
        return allocator.preAllocations().itemFor(holder.name()).filter(item::equals).isPresent();
    }

    /** A holder of {@code item}, when one of ours holds it: to name in a refusal (a scan, only ever on a refusal). */
    synchronized Optional<Holder> holderOf(T item) {
        return itemByHolder.entrySet().stream().filter(entry -> entry.getValue().equals(item)).map(Map.Entry::getKey)
                .sorted(Comparator.comparing(Holder::toString)).findFirst();
    }

    /** Records that {@code holder} holds {@code item} (idempotent). */
    synchronized void hold(Holder holder, T item) {
        if (item.equals(itemByHolder.get(holder))) {
            return;
        }
        drop(holder);
        if (holdersByItem.getOrDefault(item, 0) == 0) {
            allocator.markUsed(item);
        }
        record(holder, item);
    }

    /**
     * Sets aside an item the ledger shows held by another writer (in flight there, or being
     * released), so that the next choice skips it; {@link #putBack} undoes it once the choice is made.
     */
    synchronized void setAside(T item) {
        if (!holdersByItem.containsKey(item)) {
            allocator.markUsed(item);
        }
    }

    /** Undoes {@link #setAside}, unless a holder of ours took the item meanwhile. */
    synchronized void putBack(T item) {
        if (!holdersByItem.containsKey(item)) {
            allocator.release(item);
        }
    }

    /** Forgets what {@code holder} held; its item is free again once nobody else holds it. */
    synchronized void drop(Holder holder) {
        T item = itemByHolder.remove(holder);
        if (item == null) {
            return;
        }
        if (!items.isAllocatable(item)) {
            outOfRangeHolders--;
        }
        items.subnetOf(item).ifPresent(subnet -> subnetHolders[subnet]--);
        int remaining = holdersByItem.merge(item, -1, Integer::sum);
        if (remaining == 0) {
            holdersByItem.remove(item);
            allocator.release(item);
        }
    }

    /** Every holder with what it holds, to carry them over into the holdings of a changed spec. */
    synchronized Map<Holder, T> snapshot() {
        return new HashMap<>(itemByHolder);
    }

    /** Whether any holder holds {@code item}. */
    synchronized boolean isHeld(T item) {
        return holdersByItem.containsKey(item);
    }

    synchronized Optional<T> heldBy(Holder holder) {
        return Optional.ofNullable(itemByHolder.get(holder));
    }

    /**
     * The pool's status counts: every holder counts as used, those on items the pool would not hand
     * out as out of range; so does every item kept for a claim that nobody holds yet.
     */
    synchronized PoolUsage usage() {
        return PoolUsage.of(items.total(), itemByHolder.size() + keptUnheld().size(), outOfRangeHolders);
    }

    /**
     * The counts of each subnet of an IP pool: its holders and its items kept for claims that nobody
     * holds yet, none of them out of range (those count for the pool only).
     */
    synchronized List<SubnetUsage> subnetUsages() {
        long[] used = subnetHolders.clone();
        keptUnheld().forEach(item -> items.subnetOf(item).ifPresent(subnet -> used[subnet]++));
        List<SubnetUsage> usages = new ArrayList<>(used.length);
        for (AddressSubnet subnet : items.subnets()) {
            usages.add(new SubnetUsage(subnet, PoolUsage.of(subnet.total(), used[subnet.index()], 0)));
        }
        return usages;
    }

    private List<T> keptUnheld() {
        return allocator.preAllocations().byClaim().values().stream().filter(item -> !holdersByItem.containsKey(item)).toList();
    }

    private void record(Holder holder, T item) {
        itemByHolder.put(holder, item);
        holdersByItem.merge(item, 1, Integer::sum);
        if (!items.isAllocatable(item)) {
            outOfRangeHolders++;
        }
        items.subnetOf(item).ifPresent(subnet -> subnetHolders[subnet]++);
    }
}
