package dev.clusteripam.core.overlap;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.U128;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Every pool's address set, per family, so that "which other pools share addresses with this one,
 * and which" is answered for one pool without looking at every other pool.
 *
 * <p>Each family keeps every pool's intervals in one interval tree: a treap ordered by (first,
 * last, pool) whose nodes also know the highest {@code last} below them, so that a search skips
 * every subtree that ends before the interval asked about. A pool of m intervals that overlaps k
 * stored intervals is answered in O(m log n + k) for n stored intervals; putting or removing a pool
 * costs O(m log n). Not thread-safe: callers hold one lock around it.
 *
 * @param <K> what names a pool; ordered, so that answers come in a stable order
 */
public final class OverlapIndex<K extends Comparable<K>> {

    private record Stored(IpFamily family, IntervalSet addresses) {
    }

    private final Map<K, Stored> pools = new HashMap<>();
    private final Map<IpFamily, IntervalTree<K>> trees = new EnumMap<>(IpFamily.class);

    /** Records {@code pool}'s addresses, replacing what was recorded for it before. */
    public void put(K pool, IpFamily family, IntervalSet addresses) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(addresses, "addresses");
        remove(pool);
        pools.put(pool, new Stored(family, addresses));
        IntervalTree<K> tree = trees.computeIfAbsent(family, f -> new IntervalTree<>());
        for (Interval interval : addresses.intervals()) {
            tree.insert(interval, pool);
        }
    }

    /** Forgets {@code pool}; nothing happens when it is not recorded. */
    public void remove(K pool) {
        Stored stored = pools.remove(pool);
        if (stored == null) {
            return;
        }
        IntervalTree<K> tree = trees.get(stored.family());
        for (Interval interval : stored.addresses().intervals()) {
            tree.delete(interval, pool);
        }
    }

    public boolean contains(K pool) {
        return pools.containsKey(pool);
    }

    /** The pools recorded. */
    public int size() {
        return pools.size();
    }

    /** What the recorded pool {@code pool} shares with every other recorded pool, by pool; empty when it is not recorded. */
    public List<Overlap<K>> overlapsOf(K pool) {
        Stored stored = pools.get(pool);
        if (stored == null) {
            return List.of();
        }
        return overlapsWith(stored.family(), stored.addresses(), Optional.of(pool));
    }

    /**
     * What the addresses {@code addresses} of {@code family} share with each recorded pool other than
     * {@code self} (a pool about to be put, say), by pool.
     */
    public List<Overlap<K>> overlapsWith(IpFamily family, IntervalSet addresses, Optional<K> self) {
        IntervalTree<K> tree = trees.get(family);
        if (tree == null) {
            return List.of();
        }
        Map<K, List<Interval>> shared = new TreeMap<>();
        for (Interval wanted : addresses.intervals()) {
            tree.visitOverlapping(wanted, (stored, owner) -> {
                if (self.isEmpty() || !self.get().equals(owner)) {
                    shared.computeIfAbsent(owner, o -> new ArrayList<>()).add(intersection(wanted, stored));
                }
            });
        }
        List<Overlap<K>> overlaps = new ArrayList<>(shared.size());
        shared.forEach((other, intervals) -> overlaps.add(new Overlap<>(other, family, IntervalSet.of(intervals))));
        return overlaps;
    }

    /** Every recorded pool that overlaps another, with its overlaps, in pool order. */
    public Map<K, List<Overlap<K>>> allOverlaps() {
        Map<K, List<Overlap<K>>> all = new LinkedHashMap<>();
        for (K pool : new TreeMap<>(pools).keySet()) {
            List<Overlap<K>> overlaps = overlapsOf(pool);
            if (!overlaps.isEmpty()) {
                all.put(pool, overlaps);
            }
        }
        return all;
    }

    private static Interval intersection(Interval a, Interval b) {
        U128 first = a.first().compareTo(b.first()) >= 0 ? a.first() : b.first();
        U128 last = a.last().compareTo(b.last()) <= 0 ? a.last() : b.last();
        return new Interval(first, last);
    }

    /** A treap of (interval, owner), each node knowing the highest end in its subtree. */
    private static final class IntervalTree<K extends Comparable<K>> {

        interface Visitor<K> {
            void visit(Interval stored, K owner);
        }

        private static final class Node<K> {
            final Interval interval;
            final K owner;
            final int priority;
            Node<K> left;
            Node<K> right;
            U128 maxLast;

            Node(Interval interval, K owner, int priority) {
                this.interval = interval;
                this.owner = owner;
                this.priority = priority;
                this.maxLast = interval.last();
            }
        }

        /** Left and right part of a split. */
        private record Split<K>(Node<K> left, Node<K> right) {
        }

        // Seeded: the same puts build the same tree, so a slow case can be repeated.
        private final SplittableRandom priorities = new SplittableRandom(14);
        private Node<K> root;

        void insert(Interval interval, K owner) {
            Node<K> node = new Node<>(interval, owner, priorities.nextInt());
            Split<K> split = split(root, interval, owner, false);
            root = merge(merge(split.left(), node), split.right());
        }

        void delete(Interval interval, K owner) {
            Split<K> below = split(root, interval, owner, false);
            Split<K> atAndAbove = split(below.right(), interval, owner, true);
            root = merge(below.left(), atAndAbove.right());
        }

        void visitOverlapping(Interval wanted, Visitor<K> visitor) {
            visit(root, wanted, visitor);
        }

        private void visit(Node<K> node, Interval wanted, Visitor<K> visitor) {
            if (node == null || node.maxLast.isBefore(wanted.first())) {
                return;
            }
            visit(node.left, wanted, visitor);
            if (node.interval.first().isAfter(wanted.last())) {
                return;
            }
            if (!node.interval.last().isBefore(wanted.first())) {
                visitor.visit(node.interval, node.owner);
            }
            visit(node.right, wanted, visitor);
        }

        private int compare(Node<K> node, Interval interval, K owner) {
            int byInterval = node.interval.compareTo(interval);
            return byInterval != 0 ? byInterval : node.owner.compareTo(owner);
        }

        /** Nodes before (interval, owner) to the left; with {@code keyLeft}, that node itself too. */
        private Split<K> split(Node<K> node, Interval interval, K owner, boolean keyLeft) {
            if (node == null) {
                return new Split<>(null, null);
            }
            int order = compare(node, interval, owner);
            if (order < 0 || (keyLeft && order == 0)) {
                Split<K> rest = split(node.right, interval, owner, keyLeft);
                node.right = rest.left();
                update(node);
                return new Split<>(node, rest.right());
            }
            Split<K> rest = split(node.left, interval, owner, keyLeft);
            node.left = rest.right();
            update(node);
            return new Split<>(rest.left(), node);
        }

        private Node<K> merge(Node<K> left, Node<K> right) {
            if (left == null) {
                return right;
            }
            if (right == null) {
                return left;
            }
            if (left.priority > right.priority) {
                left.right = merge(left.right, right);
                update(left);
                return left;
            }
            right.left = merge(left, right.left);
            update(right);
            return right;
        }

        private void update(Node<K> node) {
            U128 max = node.interval.last();
            if (node.left != null && node.left.maxLast.isAfter(max)) {
                max = node.left.maxLast;
            }
            if (node.right != null && node.right.maxLast.isAfter(max)) {
                max = node.right.maxLast;
            }
            node.maxLast = max;
        }
    }
}
