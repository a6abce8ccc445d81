package dev.clusteripam.bench.chaos;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A CRD with the bounds of one field of {@code spec} taken off (maximum, minimum, format, and the
 * validation rules naming it), as an older release or a hand-edited copy would have it; and the
 * real CRD put back. Objects written meanwhile stay stored as they are: the API server does not
 * check stored objects again.
 */
final class LoosenedCrd implements AutoCloseable {

    private final KubernetesClient client;
    private final String name;
    private final List<CustomResourceDefinitionVersion> realVersions;

    private LoosenedCrd(KubernetesClient client, String name, List<CustomResourceDefinitionVersion> realVersions) {
        this.client = client;
        this.name = name;
        this.realVersions = realVersions;
    }

    static LoosenedCrd loosen(KubernetesClient client, String crdName, String specField) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
        List<CustomResourceDefinitionVersion> real = client.getKubernetesSerialization().clone(crd).getSpec().getVersions();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
            JSONSchemaProps field = spec.getProperties().get(specField);
            if (field != null) {
                field.setMaximum(null);
                field.setMinimum(null);
                field.setFormat(null);
                field.setXKubernetesValidations(null);
            }
            if (spec.getXKubernetesValidations() != null) {
                spec.setXKubernetesValidations(spec.getXKubernetesValidations().stream()
                        .filter(rule -> !rule.getRule().contains(specField)).toList());
            }
        }
        client.apiextensions().v1().customResourceDefinitions().resource(crd).update();
        return new LoosenedCrd(client, crdName, real);
    }

    /** Puts the real schema back. */
    @Override
    public void close() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        crd.getSpec().setVersions(realVersions);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).update();
    }
}
