package dev.clusteripam.webhook.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.core.pool.FieldError;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void oneFieldErrorReadsAsKubernetesWritesIt() {
        Status status = Refusals.invalid("GlobalInClusterIPPool", "pool",
                List.of(new FieldError("spec.gateway", "fe80::1%eth0", "is not a valid IP address")));

        assertThat(status.getStatus()).isEqualTo("Failure");
        assertThat(status.getCode()).isEqualTo(422);
        assertThat(status.getReason()).isEqualTo("Invalid");
        assertThat(status.getMessage()).isEqualTo("GlobalInClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: "
                + "spec.gateway: Invalid value: \"fe80::1%eth0\": is not a valid IP address");
        assertThat(status.getDetails().getCauses()).containsExactly(new StatusCause("spec.gateway",
                "Invalid value: \"fe80::1%eth0\": is not a valid IP address", "FieldValueInvalid"));
    }

    @Test
    void severalFieldErrorsAreBracketedAsKubernetesAggregatesThem() {
        Status status = Refusals.invalid("InClusterIPPool", "pool", List.of(
                new FieldError("spec.addresses", "[]", "must list at least one address, range or CIDR"),
                new FieldError("spec.prefix", "0", "must be between 1 and 128")));

        assertThat(status.getMessage()).isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: "
                + "[spec.addresses: Invalid value: \"[]\": must list at least one address, range or CIDR, "
                + "spec.prefix: Invalid value: \"0\": must be between 1 and 128]");
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField).containsExactly("spec.addresses", "spec.prefix");
    }

    @Test
    void anInvalidErrorNeedsAFieldError() {
        assertThatThrownBy(() -> Refusals.invalid("InClusterIPPool", "pool", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherRefusalsCarryTheirCodeAndReason() {
        assertThat(Refusals.badRequest("no")).extracting(Status::getCode, Status::getReason).containsExactly(400, "BadRequest");
        assertThat(Refusals.unavailable("later")).extracting(Status::getCode, Status::getReason)
                .containsExactly(503, "ServiceUnavailable");
        assertThat(Refusals.internalError("oops")).extracting(Status::getCode, Status::getReason)
                .containsExactly(500, "InternalError");
    }
}
