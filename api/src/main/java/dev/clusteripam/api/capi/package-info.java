/**
 * The Cluster API kinds the provider reads and writes, in their {@code v1beta2} form: {@link
 * dev.clusteripam.api.capi.IPAddressClaim}, {@link dev.clusteripam.api.capi.IPAddress} and {@link
 * dev.clusteripam.api.capi.Cluster}. Only the fields the provider uses are named; the rest is kept
 * (see {@link dev.clusteripam.api.capi.ObjectWithUnknownFields}). Their CRDs are Cluster API's own
 * and are not generated from these classes.
 */
package dev.clusteripam.api.capi;
