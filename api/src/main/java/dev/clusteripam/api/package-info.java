/**
 * The Java model of the Kubernetes resources cluster-ipam serves and uses: our pool kinds by API
 * group and version under {@code ipam}, and the Cluster API kinds we read and write under
 * {@code capi}. Model classes only: fields, accessors and small derivations. The CRDs under
 * {@code config/crd/bases} are generated from the {@code ipam} classes.
 *
 * <p>Every kind names its plural ({@code @Plural}) rather than letting fabric8 derive it: the
 * derivation runs a list of regular expressions in every constructor, so for every object decoded
 * from the API server (14 of 256 CPU samples of a restart with 10k claims in a JFR recording).
 */
package dev.clusteripam.api;
