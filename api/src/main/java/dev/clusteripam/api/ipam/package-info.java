/** Our API group, {@code ipam.cluster.x-k8s.io}: what all versions of our pool kinds share. */
package dev.clusteripam.api.ipam;
