package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster API's Cluster ({@code cluster.x-k8s.io/v1beta2}), read only to learn whether it is paused;
 * its status is not read at all.
 */
@Group("cluster.x-k8s.io")
@Version("v1beta2")
@Kind("Cluster")
@Plural("clusters")
@JsonIgnoreProperties(ignoreUnknown = true)
public class Cluster extends CustomResource<ClusterSpec, Void> implements Namespaced {
}
