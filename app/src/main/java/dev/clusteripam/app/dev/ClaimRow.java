package dev.clusteripam.app.dev;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPPoolReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code dev}'s table: a claim, its pool, the address it got and its {@code Ready}
 * condition.
 *
 * @param pool {@code Kind/name} of {@code spec.poolRef}
 * @param address the IPAddress's {@code address/prefix}; empty before one is made
 * @param ready {@code True}, {@code False} or {@code Unknown}; empty before the condition is set
 */
record ClaimRow(String namespace, String claim, String pool, Optional<String> address, Optional<String> ready,
        Optional<String> reason, Optional<String> message) {

    ClaimRow {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** The row of {@code claim} as read from the cluster, with {@code ipAddress} if it has one. */
    static ClaimRow of(IPAddressClaim claim, Optional<IPAddress> ipAddress) {
        IPPoolReference pool = claim.getSpec().getPoolRef();
        Optional<Condition> readyCondition = Optional.ofNullable(claim.getStatus())
                .map(status -> Optional.ofNullable(status.getConditions()).orElse(List.of()))
                .flatMap(conditions -> conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst());
        return new ClaimRow(
                claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(),
                pool.getKind() + "/" + pool.getName(),
                ipAddress.map(IPAddress::getSpec).map(spec -> spec.getAddress() + "/" + spec.getPrefix()),
                readyCondition.map(Condition::getStatus).map(ClaimRow::text),
                readyCondition.map(Condition::getReason).filter(text -> !text.isEmpty()),
                readyCondition.map(Condition::getMessage).filter(text -> !text.isEmpty()));
    }

    private static String text(ConditionStatus status) {
        return switch (status) {
            case TRUE -> "True";
            case FALSE -> "False";
            case UNKNOWN -> "Unknown";
        };
    }
}
