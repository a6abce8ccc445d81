package dev.clusteripam.app.dev;

import dev.clusteripam.api.capi.IPAddressClaim;
import java.util.Map;
import java.util.Optional;

/**
 * How an example claim should end, from its annotations: served with a given address, or refused
 * with a given reason; without either, served with any address.
 *
 * @param address {@value #EXPECTED_ADDRESS}: the address and prefix length of its IPAddress
 * @param reason {@value #EXPECTED_REASON}: the reason of its {@code Ready=False} condition
 */
record ClaimExpectation(Optional<String> address, Optional<String> reason) {

    static final String EXPECTED_ADDRESS = "cluster-ipam.dev/expected-address";
    static final String EXPECTED_REASON = "cluster-ipam.dev/expected-reason";

    static ClaimExpectation of(IPAddressClaim claim) {
        Map<String, String> annotations = Optional.ofNullable(claim.getMetadata().getAnnotations()).orElse(Map.of());
        return new ClaimExpectation(Optional.ofNullable(annotations.get(EXPECTED_ADDRESS)),
                Optional.ofNullable(annotations.get(EXPECTED_REASON)));
    }

    /**
     * Whether {@code row} is where the claim stays: served, or refused for the expected reason. A
     * claim on its way (no condition yet, or refused for a passing reason) is not settled.
     */
    boolean isSettled(ClaimRow row) {
        return row.ready().equals(Optional.of("True"))
                || reason.isPresent() && row.ready().equals(Optional.of("False")) && row.reason().equals(reason);
    }

    /** What differs between this expectation and {@code row}, in a sentence; empty when nothing does. */
    Optional<String> mismatch(ClaimRow row) {
        String got = "got READY=" + row.ready().orElse("-") + " ADDRESS=" + row.address().orElse("-")
                + " REASON=" + row.reason().orElse("-");
        if (reason.isPresent()) {
            boolean refusedAsExpected = row.ready().equals(Optional.of("False")) && row.reason().equals(reason);
            return refusedAsExpected ? Optional.empty() : Optional.of("expected READY=False REASON=" + reason.get() + ", " + got);
        }
        boolean served = row.ready().equals(Optional.of("True")) && row.address().isPresent();
        boolean addressAsExpected = address.isEmpty() || row.address().equals(address);
        return served && addressAsExpected
                ? Optional.empty()
                : Optional.of("expected READY=True ADDRESS=" + address.orElse("(any)") + ", " + got);
    }
}
