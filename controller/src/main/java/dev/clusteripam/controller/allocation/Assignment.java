package dev.clusteripam.controller.allocation;

import java.util.Optional;

/** What an IPAddress gets from its pool: the address (or sub-prefix base), the prefix length, the gateway. */
public record Assignment(String address, int prefix, Optional<String> gateway) {
}
