package dev.clusteripam.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.capi.IPAddressClaim;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code dev --once} passes when every example claim ends as its annotations say. */
class ClaimExpectationTest {

    static ClaimRow served(String address) {
        return new ClaimRow("default", "c", "InClusterIPPool/p", Optional.of(address), Optional.of("True"), Optional.of("Allocated"),
                Optional.empty());
    }

    static ClaimRow refused(String reason) {
        return new ClaimRow("default", "c", "InClusterIPPool/p", Optional.empty(), Optional.of("False"), Optional.of(reason),
                Optional.empty());
    }

    static final ClaimRow UNTOUCHED = new ClaimRow("default", "c", "InClusterIPPool/p", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    static IPAddressClaim claimAnnotated(Map<String, String> annotations) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName("c").withAnnotations(annotations).build());
        return claim;
    }

    @Nested
    class ExpectingAnAddress {

        final ClaimExpectation expectation = ClaimExpectation.of(claimAnnotated(Map.of(ClaimExpectation.EXPECTED_ADDRESS, "10.0.0.2/24")));

        @Test
        void thatAddressMatches() {
            assertThat(expectation.mismatch(served("10.0.0.2/24"))).isEmpty();
        }

        @Test
        void anotherAddressIsAMismatch() {
            assertThat(expectation.mismatch(served("10.0.0.3/24")))
                    .contains("expected READY=True ADDRESS=10.0.0.2/24, got READY=True ADDRESS=10.0.0.3/24 REASON=Allocated");
        }

        @Test
        void aRefusalIsAMismatchButSettlesNothing() {
            assertThat(expectation.mismatch(refused("PoolNotReady"))).isPresent();
            assertThat(expectation.isSettled(refused("PoolNotReady"))).as("a pool not yet seen may still appear").isFalse();
        }
    }

    @Nested
    class ExpectingARefusal {

        final ClaimExpectation expectation = ClaimExpectation.of(claimAnnotated(Map.of(ClaimExpectation.EXPECTED_REASON, "PoolExhausted")));

        @Test
        void thatReasonMatchesAndSettles() {
            assertThat(expectation.mismatch(refused("PoolExhausted"))).isEmpty();
            assertThat(expectation.isSettled(refused("PoolExhausted"))).isTrue();
        }

        @Test
        void anotherReasonIsAMismatch() {
            assertThat(expectation.mismatch(refused("PoolNotReady")))
                    .contains("expected READY=False REASON=PoolExhausted, got READY=False ADDRESS=- REASON=PoolNotReady");
        }

        @Test
        void beingServedIsAMismatch() {
            assertThat(expectation.mismatch(served("10.0.0.2/24"))).isPresent();
        }
    }

    @Test
    void withoutAnnotationsAnyAddressWillDo() {
        ClaimExpectation expectation = ClaimExpectation.of(claimAnnotated(Map.of()));

        assertThat(expectation.mismatch(served("10.9.9.9/8"))).isEmpty();
        assertThat(expectation.mismatch(UNTOUCHED)).contains("expected READY=True ADDRESS=(any), got READY=- ADDRESS=- REASON=-");
        assertThat(expectation.isSettled(UNTOUCHED)).isFalse();
    }
}
