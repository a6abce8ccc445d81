package dev.clusteripam.controller.ledger;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.U128;

/**
 * An item as the ledger records it: its number, as core numbers the pool's items (which picks the
 * block), and its text, the key of its entry in the block (the address, or a sub-prefix's base).
 */
public record LedgerItem(U128 number, String text) {

    public static LedgerItem of(IpAddress address) {
        return new LedgerItem(address.value(), address.toString());
    }

    /** A sub-prefix is numbered by its network bits, as core's prefix allocator numbers it. */
    public static LedgerItem of(IpPrefix prefix) {
        return new LedgerItem(prefix.address().value().shiftRight(prefix.hostBits()), prefix.address().toString());
    }
}
