/**
 * The Java model of the Kubernetes resources cluster-ipam serves and uses: our pool kinds by API
 * group and version under {@code ipam}, and the Cluster API kinds we read and write under
 * {@code capi}. Model classes only: fields, accessors and small derivations. The CRDs under
 * {@code config/crd/bases} are generated from the {@code ipam} classes.
 */
package dev.clusteripam.api;
