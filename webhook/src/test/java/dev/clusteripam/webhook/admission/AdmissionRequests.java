package dev.clusteripam.webhook.admission;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.UUID;

/** Admission requests as the API server sends them, objects as JSON maps. */
final class AdmissionRequests {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private AdmissionRequests() {
    }

    static AdmissionRequest create(HasMetadata object) {
        return request("CREATE", object, object, null);
    }

    static AdmissionRequest update(HasMetadata oldObject, HasMetadata object) {
        return request("UPDATE", object, object, oldObject);
    }

    static AdmissionRequest delete(HasMetadata oldObject) {
        return request("DELETE", oldObject, null, oldObject);
    }

    static AdmissionRequest request(String operation, HasMetadata subject, HasMetadata object, HasMetadata oldObject) {
        AdmissionRequest request = new AdmissionRequest();
        request.setUid(UUID.randomUUID().toString());
        request.setOperation(operation);
        request.setKind(new GroupVersionKind("ipam.cluster.x-k8s.io", subject.getKind(), "v1alpha2"));
        request.setName(subject.getMetadata().getName());
        request.setNamespace(subject.getMetadata().getNamespace());
        request.setObject(asMap(object));
        request.setOldObject(asMap(oldObject));
        return request;
    }

    static Map<?, ?> asMap(Object object) {
        return object == null ? null : SERIALIZATION.convertValue(object, Map.class);
    }
}
