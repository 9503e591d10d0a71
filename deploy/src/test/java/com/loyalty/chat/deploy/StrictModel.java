package com.loyalty.chat.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One manifest document read into fabric8's typed Kubernetes model. The model keeps a field it does not know in
 * each object's additional properties instead of failing, so those are looked for afterwards: a misspelt or
 * misplaced field (which the API server would drop or refuse) is an error here.
 */
final class StrictModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictModel() {
    }

    /** The typed object, or an exception naming what is unknown. */
    static HasMetadata parse(Map<String, Object> document, String origin) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(origin + ": not a Kubernetes object: " + e.getMessage(), e);
        }
        if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException(origin + ": unknown kind " + document.get("apiVersion") + "/"
                    + document.get("kind"));
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(object, object.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(origin + ": unknown fields " + unknown);
        }
        return object;
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        switch (node) {
            case null -> {
            }
            case Map<?, ?> map -> map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    collectUnknown(list.get(i), path + "[" + i + "]", unknown);
                }
            }
            default -> {
                if (node.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
                    collectUnknownInObject(node, path, unknown);
                }
            }
        }
    }

    private static void collectUnknownInObject(Object node, String path, List<String> unknown) {
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                collectUnknown(value, path + "." + property(getter.getName()), unknown);
            }
        }
    }

    private static String property(String getterName) {
        String name = getterName.startsWith("is") ? getterName.substring(2) : getterName.substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
