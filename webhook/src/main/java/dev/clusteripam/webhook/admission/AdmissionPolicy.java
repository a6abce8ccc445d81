package dev.clusteripam.webhook.admission;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;

/** Decides one admission request: what a validating or mutating webhook path does. */
@FunctionalInterface
public interface AdmissionPolicy {

    /** The verdict on {@code request}, whose {@code object} and {@code oldObject} are JSON objects read into maps. */
    AdmissionVerdict admit(AdmissionRequest request);
}
