package dev.clusteripam.webhook.testing;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The error the API server answers a refused write with, as fabric8 (and so a test) sees it. */
public final class Refusal {

    private Refusal() {
    }

    /** The exception {@code write} throws; fails the test when it throws none. */
    public static KubernetesClientException of(ThrowingCallable write) {
        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class, write);
        if (refusal == null) {
            throw new AssertionError("the API server accepted a write it should have refused");
        }
        return refusal;
    }
}
