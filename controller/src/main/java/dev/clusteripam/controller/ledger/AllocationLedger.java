package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.ledger.IPAllocationBlock;
import dev.clusteripam.api.ledger.IPAllocationBlockSpec;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.ip.U128;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commits allocations to the ledger (docs/design.md). Every take and give-back is a write of its
 * block with the resourceVersion it read, or the block's creation: the API server accepts one
 * writer per version, so two writers can never both record an item. Concurrent requests for one
 * block are committed together (group commit): the first caller writes for everybody waiting.
 */
public final class AllocationLedger implements Ledger {

    /** How often a batch is re-read and re-applied after another writer won the race. */
    private static final int ATTEMPTS = 8;

    private final KubernetesClient client;
    private final Map<String, BlockWriter> writers = new ConcurrentHashMap<>();

    public AllocationLedger(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Outcome take(Entry entry) {
        return submit(entry, true);
    }

    @Override
    public void giveBack(Entry entry) {
        submit(entry, false);
    }

    @Override
    public void forget(PoolIdentity pool) {
        client.resources(IPAllocationBlock.class).withLabel(PoolLabel.NAME, PoolLabel.valueOf(pool)).delete();
    }

    /** Every entry of every block, read from the server. */
    @Override
    public List<Entry> entries() {
        return entriesIn(client.resources(IPAllocationBlock.class).list().getItems());
    }

    /** The entries of the pool's blocks, found by their label, read from the server. */
    @Override
    public List<Entry> entriesOf(PoolIdentity pool) {
        return entriesIn(client.resources(IPAllocationBlock.class).withLabel(PoolLabel.NAME, PoolLabel.valueOf(pool)).list().getItems())
                .stream().filter(entry -> entry.pool().equals(pool)).toList();
    }

    private static List<Entry> entriesIn(List<IPAllocationBlock> blocks) {
        List<Entry> entries = new ArrayList<>();
        for (IPAllocationBlock block : blocks) {
            IPAllocationBlockSpec spec = block.getSpec();
            Optional<PoolKind> kind = PoolKind.of(spec.getPoolKind());
            if (kind.isEmpty()) {
                continue;
            }
            PoolIdentity pool = PoolIdentity.of(kind.get(), spec.getPoolNamespace(), spec.getPoolName());
            U128 number = U128.of(new BigInteger(spec.getBlock(), 16));
            spec.getHolders().forEach((item, holder) -> entries.add(new Entry(pool, number, item, Holder.parse(holder))));
        }
        return entries;
    }

    private Outcome submit(Entry entry, boolean take) {
        BlockKey block = BlockKey.of(entry);
        return writers.computeIfAbsent(block.objectName(), name -> new BlockWriter(block))
                .submit(new Change(entry.item(), entry.holder(), take));
    }

    private record Change(String item, Holder holder, boolean take) {
    }

    private record Pending(Change change, CompletableFuture<Outcome> result) {
    }

    /** One block's writer: a queue of changes, written in batches by whichever caller found it idle. */
    private final class BlockWriter {

        private final BlockKey key;
        private final List<Pending> pending = new ArrayList<>();
        private boolean writing;
        /**
         * The block as this writer last wrote it, so that the next batch needs no read first (one API
         * round trip less per batch). Only the draining thread touches it. The write still carries its
         * resourceVersion: if anyone else changed the block since, the server refuses it and the
         * batch is applied again to a fresh read.
         */
        private IPAllocationBlock lastWritten;

        BlockWriter(BlockKey key) {
            this.key = key;
        }

        Outcome submit(Change change) {
            CompletableFuture<Outcome> result = new CompletableFuture<>();
            boolean leader;
            synchronized (this) {
                pending.add(new Pending(change, result));
                leader = !writing;
                writing = true;
            }
            if (leader) {
                drain();
            }
            return result.join();
        }

        private void drain() {
            while (true) {
                List<Pending> batch;
                synchronized (this) {
                    if (pending.isEmpty()) {
                        writing = false;
                        return;
                    }
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
                try {
                    commit(batch);
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.result().completeExceptionally(e));
                }
            }
        }

        private void commit(List<Pending> batch) {
            for (int attempt = 1; ; attempt++) {
                boolean fromLastWrite = attempt == 1 && lastWritten != null;
                IPAllocationBlock current = fromLastWrite ? copyOf(lastWritten)
                        : client.resources(IPAllocationBlock.class).withName(key.objectName()).get();
                lastWritten = null;
                IPAllocationBlock next = current != null ? current : newBlock();
                Map<String, String> holders = next.getSpec().getHolders();
                List<Outcome> outcomes = new ArrayList<>(batch.size());
                boolean changed = false;
                for (Pending p : batch) {
                    Change change = p.change();
                    String holder = change.holder().toString();
                    String existing = holders.get(change.item());
                    if (change.take()) {
                        if (existing == null) {
                            holders.put(change.item(), holder);
                            changed = true;
                        }
                        outcomes.add(existing == null || existing.equals(holder) ? new Committed() : new HeldBy(Holder.parse(existing)));
                    } else {
                        if (holder.equals(existing)) {
                            holders.remove(change.item());
                            changed = true;
                        }
                        outcomes.add(new Committed());
                    }
                }
                if (!changed && fromLastWrite) {
                    // Nothing to write, judged from our own last write: another writer may have changed the
                    // block since (taken an item we would report free, or released one we report held), so
                    // answers that write nothing come from a fresh read, as they did before the cache.
                    continue;
                }
                try {
                    if (changed) {
                        lastWritten = write(current == null, next);
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).result().complete(outcomes.get(i));
                    }
                    return;
                } catch (KubernetesClientException e) {
                    // 409: another writer changed or created the block since we read it; 404: the block was
                    // removed with its pool meanwhile. Either way: read again, apply again.
                    if ((e.getCode() != 409 && e.getCode() != 404) || attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        private IPAllocationBlock write(boolean create, IPAllocationBlock block) {
            if (create) {
                return client.resource(block).create();
            }
            // update() sends the resourceVersion we read: the server's compare-and-swap.
            return client.resource(block).update();
        }

        /** A copy to change, so that a refused write leaves {@link #lastWritten} as the server has it. */
        private static IPAllocationBlock copyOf(IPAllocationBlock block) {
            IPAllocationBlock copy = new IPAllocationBlock();
            copy.setMetadata(new ObjectMetaBuilder(block.getMetadata()).build());
            IPAllocationBlockSpec spec = block.getSpec();
            IPAllocationBlockSpec copied = new IPAllocationBlockSpec(spec.getPoolKind(), spec.getPoolNamespace(), spec.getPoolName(),
                    spec.getBlock());
            copied.setHolders(spec.getHolders());
            copy.setSpec(copied);
            return copy;
        }

        private IPAllocationBlock newBlock() {
            IPAllocationBlock block = new IPAllocationBlock();
            block.setMetadata(new ObjectMetaBuilder().withName(key.objectName())
                    .withLabels(Map.of(PoolLabel.NAME, PoolLabel.valueOf(key.pool()))).build());
            block.setSpec(new IPAllocationBlockSpec(key.pool().kind().kind(), key.pool().namespace(), key.pool().name(), key.blockHex()));
            return block;
        }
    }
}
