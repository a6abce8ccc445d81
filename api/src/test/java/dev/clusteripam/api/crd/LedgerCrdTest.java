package dev.clusteripam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** The allocation ledger's CRD: ours, cluster-scoped, outside Cluster API's group and categories, every field described. */
class LedgerCrdTest {

    private final CustomResourceDefinition crd = GeneratedCrds.generate().values().stream()
            .map(yaml -> new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .filter(c -> c.getSpec().getGroup().equals("ledger.cluster-ipam.dev"))
            .findFirst()
            .orElseThrow();

    @Test
    void isClusterScopedInOurOwnGroupAndNoClusterApiCategory() {
        assertThat(crd.getMetadata().getName()).isEqualTo("ipallocationblocks.ledger.cluster-ipam.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(crd.getSpec().getNames().getCategories()).isNullOrEmpty();
        assertThat(crd.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getName).containsExactly("v1alpha1");
    }

    @Test
    void describesEveryFieldOfItsSpec() {
        JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        assertThat(root.getDescription()).isNotBlank();
        // The generator adds an empty status object for a resource without status; a block has none to describe.
        assertThat(root.getProperties()).containsOnlyKeys("spec", "status");
        assertThat(root.getProperties().get("status").getProperties()).isEmpty();
        JSONSchemaProps spec = root.getProperties().get("spec");
        assertThat(spec.getDescription()).isNotBlank();
        assertThat(spec.getProperties()).allSatisfy((name, property) -> assertThat(property.getDescription()).as(name).isNotBlank());
        assertThat(spec.getRequired()).containsExactlyInAnyOrder("poolKind", "poolName", "block");
    }

    @Test
    void saysSixtyFourItemsPerBlockAsTheControllerAndDesignDo() {
        JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        String block = root.getProperties().get("spec").getProperties().get("block").getDescription();
        assertThat(block).contains("divided by 64").doesNotContain("1024");
    }
}
