package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.ipam.PoolIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The label that marks a ledger block with its pool, so that a pool's blocks are found and removed together. */
final class PoolLabel {

    static final String NAME = "ledger.cluster-ipam.dev/pool";

    private PoolLabel() {
    }

    /** A label value (at most 63 characters) that identifies the pool. */
    static String valueOf(PoolIdentity pool) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pool.indexKey().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
