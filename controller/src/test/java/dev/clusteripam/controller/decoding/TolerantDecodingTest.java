package dev.clusteripam.controller.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.core.pool.FieldError;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TolerantDecodingTest {

    private final List<String> counted = new ArrayList<>();
    private final UndecodableObjects undecodable = new UndecodableObjects((object, failure) -> counted.add(object.getKind() + " " + failure));
    private final KubernetesSerialization serialization = TolerantDecoding.serialization(
            Set.of(InClusterIPPool.class, IPAddress.class), undecodable);

    private static String pool(String name, String uid, String resourceVersion, String grace) {
        return """
                {"apiVersion":"ipam.cluster.x-k8s.io/v1alpha2","kind":"InClusterIPPool",
                 "metadata":{"name":"%s","namespace":"team-a","uid":"%s","resourceVersion":"%s"},
                 "spec":{"addresses":["10.0.0.0/24"],"prefix":24,"addressReuseGracePeriodSeconds":%s}}
                """.formatted(name, uid, resourceVersion, grace);
    }

    private List<InClusterIPPool> list(String... items) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{},\"items\":[" + String.join(",", items) + "]}";
        return serialization.unmarshal(json, new TypeReference<DefaultKubernetesResourceList<InClusterIPPool>>() { }).getItems();
    }

    @Test
    void oneUndecodablePoolInAListLeavesTheOthersWholeAndKeepsItsName() {
        List<InClusterIPPool> pools = list(pool("good", "u1", "1", "30"), pool("poison", "u2", "2", "2147483648"));

        assertThat(pools).extracting(p -> p.getMetadata().getName()).containsExactly("good", "poison");
        assertThat(pools.get(0).getSpec().getAddressReuseGracePeriodSeconds()).isEqualTo(30);
        assertThat(undecodable.failureOf(pools.get(0))).isEmpty();

        InClusterIPPool poison = pools.get(1);
        assertThat(poison.getSpec().getAddressReuseGracePeriodSeconds()).as("the field at fault is dropped").isNull();
        assertThat(poison.getSpec().getAddresses()).containsExactly("10.0.0.0/24");
        assertThat(poison.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(undecodable.failureOf(poison)).hasValueSatisfying(failure -> {
            assertThat(failure.field()).isEqualTo("spec.addressReuseGracePeriodSeconds");
            assertThat(failure.value()).isEqualTo("2147483648");
            assertThat(failure.toString()).isEqualTo("spec.addressReuseGracePeriodSeconds: Invalid value: \"2147483648\": cannot be read: out of range of int32");
        });
    }

    @Test
    void managedFieldsAreNeverDecodedWhetherTheKindIsWatchedOrNot() {
        String managed = """
                "managedFields":[{"manager":"kubectl","operation":"Apply","fieldsType":"FieldsV1",
                 "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:team":{}}}}}]""";
        InClusterIPPool pool = serialization.unmarshal(pool("good", "u1", "1", "30").replace("\"uid\"", managed + ",\"uid\""),
                InClusterIPPool.class);
        Namespace namespace = serialization.unmarshal("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a",%s,"labels":{"team":"a"}}}
                """.formatted(managed), Namespace.class);

        assertThat(pool.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(pool.getMetadata().getUid()).as("the fields after it").isEqualTo("u1");
        assertThat(pool.getSpec().getAddressReuseGracePeriodSeconds()).isEqualTo(30);
        assertThat(namespace.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("team", "a");
    }

    @Test
    void anUndecodablePoolWithManagedFieldsStillKeepsItsOtherFields() {
        String managed = "\"managedFields\":[{\"manager\":\"kubectl\",\"fieldsV1\":{\"f:spec\":{}}}],";
        InClusterIPPool poison = list(pool("poison", "u2", "2", "2147483648").replace("\"uid\"", managed + "\"uid\"")).get(0);

        assertThat(poison.getSpec().getAddresses()).containsExactly("10.0.0.0/24");
        assertThat(poison.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(undecodable.failureOf(poison)).map(FieldError::field).hasValue("spec.addressReuseGracePeriodSeconds");
    }

    @Test
    void theSameVersionIsCountedOnceHoweverOftenItIsDecoded() {
        list(pool("poison", "u2", "2", "2147483648"));
        list(pool("poison", "u2", "2", "2147483648"));
        assertThat(counted).hasSize(1).first().asString().startsWith("InClusterIPPool spec.addressReuseGracePeriodSeconds: Invalid value");

        list(pool("poison", "u2", "3", "9999999999"));
        assertThat(counted).hasSize(2);
    }

    @Test
    void anOlderCopyOfAnObjectThatDoesNotDecodeStillReportsTheFailure() {
        // One cache holds version 2 while another has already decoded version 3, which fails too.
        InClusterIPPool older = list(pool("poison", "u2", "2", "2147483648")).get(0);
        list(pool("poison", "u2", "3", "2147483648"));

        assertThat(undecodable.failureOf(older)).map(FieldError::field).hasValue("spec.addressReuseGracePeriodSeconds");
    }

    @Test
    void aCopyOfWhatDecodedWithoutTheFieldAtFaultClearsNothing() {
        InClusterIPPool poison = list(pool("poison", "u2", "2", "2147483648")).get(0);
        list(pool("poison", "u2", "2", null));

        assertThat(undecodable.failureOf(poison)).map(FieldError::field).hasValue("spec.addressReuseGracePeriodSeconds");
    }

    @Test
    void aLaterVersionThatDecodesClearsTheFailure() {
        list(pool("poison", "u2", "2", "2147483648"));
        InClusterIPPool mended = list(pool("poison", "u2", "3", "60")).get(0);

        assertThat(mended.getSpec().getAddressReuseGracePeriodSeconds()).isEqualTo(60);
        assertThat(undecodable.failureOf(mended)).isEmpty();
    }

    @Test
    void theLargestNumberTheApiServerStoresIsReportedToo() {
        InClusterIPPool poison = list(pool("poison", "u2", "2", "9223372036854775807")).get(0);

        assertThat(undecodable.failureOf(poison)).map(FieldError::message).hasValue("cannot be read: out of range of int32");
    }

    @Test
    void aLongValueIsQuotedBounded() {
        InClusterIPPool poison = list(pool("poison", "u2", "2", "\"" + "x".repeat(100_000) + "\"")).get(0);

        assertThat(undecodable.failureOf(poison)).hasValueSatisfying(failure -> assertThat(failure.value()).hasSizeLessThan(300));
    }

    @Test
    void anIPAddressWhosePrefixDoesNotFitKeepsItsAddress() {
        String address = """
                {"apiVersion":"ipam.cluster.x-k8s.io/v1beta2","kind":"IPAddress",
                 "metadata":{"name":"a","namespace":"team-a","uid":"u3","resourceVersion":"4"},
                 "spec":{"address":"10.0.0.2","prefix":4294967296,"claimRef":{"name":"a"},
                         "poolRef":{"apiGroup":"ipam.cluster.x-k8s.io","kind":"InClusterIPPool","name":"p"}}}
                """;
        IPAddress decoded = serialization.unmarshal(address, IPAddress.class);
        assertThat(decoded.getSpec().getAddress()).as("still counts as taken").isEqualTo("10.0.0.2");
        assertThat(decoded.getSpec().getPrefix()).isNull();
        assertThat(undecodable.failureOf(decoded)).map(FieldError::field).hasValue("spec.prefix");
        assertThat(undecodable.failureOf(decoded)).map(FieldError::message).hasValue("cannot be read: out of range of int32");
    }

    @Test
    void aSpecThatIsNotAnObjectIsDroppedWhole() {
        String pool = """
                {"apiVersion":"ipam.cluster.x-k8s.io/v1alpha2","kind":"InClusterIPPool",
                 "metadata":{"name":"odd","namespace":"team-a","uid":"u4","resourceVersion":"5"},
                 "spec":[1,2,3]}
                """;
        InClusterIPPool decoded = serialization.unmarshal(pool, InClusterIPPool.class);

        assertThat(decoded.getMetadata().getName()).isEqualTo("odd");
        assertThat(decoded.getSpec()).isNull();
        assertThat(undecodable.failureOf(decoded)).map(FieldError::field).hasValue("spec");
    }
}
