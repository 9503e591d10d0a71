package com.loyalty.chat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.yaml.snakeyaml.Yaml;

/**
 * A kustomization read the way {@code kustomize build} reads it, as far as these manifests use it (no kustomize
 * binary is installable here): its resources (files, or directories with their own kustomization, recursively),
 * ConfigMap and Secret generators, images and patches. Every file named must exist and every document must parse
 * strictly ({@link StrictModel}); what does not is collected in {@link #problems()}. Patches are checked, not
 * applied: their targets must exist, and a strategic-merge patch is itself a typed object.
 */
final class Kustomization {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "configMapGenerator", "secretGenerator", "images", "patches");
    private static final Set<String> JSON_PATCH_OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");

    /** One object and the file it came from. */
    record Resource(Path file, HasMetadata object) {
    }

    /** A strategic-merge patch, typed, and where it came from. */
    record Patch(Path origin, HasMetadata object) {
    }

    private final Path directory;
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, Set<String>> configMaps = new LinkedHashMap<>();
    private final Map<String, Set<String>> secrets = new LinkedHashMap<>();
    private final List<Patch> patches = new ArrayList<>();
    private final Set<Path> files = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();

    private Kustomization(Path directory) {
        this.directory = directory;
    }

    static Kustomization load(Path directory) {
        Kustomization kustomization = new Kustomization(directory.toAbsolutePath().normalize());
        kustomization.read();
        return kustomization;
    }

    List<Resource> resources() {
        return resources;
    }

    List<HasMetadata> objects() {
        return resources.stream().map(Resource::object).toList();
    }

    /** Generated ConfigMaps by name (before kustomize's hash suffix), with their keys. */
    Map<String, Set<String>> configMaps() {
        return configMaps;
    }

    Map<String, Set<String>> secrets() {
        return secrets;
    }

    List<Patch> patches() {
        return patches;
    }

    /** Every file this kustomization reads, its bases' included. */
    Set<Path> files() {
        return files;
    }

    List<String> problems() {
        return problems;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(directory + ": no " + type.getSimpleName() + " " + name));
    }

    @SuppressWarnings("unchecked")
    private void read() {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(directory + ": no kustomization.yaml");
            return;
        }
        files.add(file);
        Map<String, Object> spec = new Yaml().load(Repository.read(file));
        spec.keySet().stream().filter(key -> !FIELDS.contains(key))
                .forEach(key -> problems.add(file + ": field " + key + " is not read by this test (nor supported)"));
        for (Object entry : list(spec.get("resources"))) {
            readResource(file, directory.resolve(String.valueOf(entry)).normalize());
        }
        for (Object generator : list(spec.get("configMapGenerator"))) {
            generate(file, (Map<String, Object>) generator, configMaps, "ConfigMap");
        }
        for (Object generator : list(spec.get("secretGenerator"))) {
            generate(file, (Map<String, Object>) generator, secrets, "Secret");
        }
        for (Object image : list(spec.get("images"))) {
            checkImage(file, String.valueOf(((Map<String, Object>) image).get("name")));
        }
        for (Object patch : list(spec.get("patches"))) {
            readPatch(file, (Map<String, Object>) patch);
        }
    }

    private void readResource(Path kustomizationFile, Path target) {
        if (Files.isDirectory(target)) {
            Kustomization base = load(target);
            resources.addAll(base.resources);
            configMaps.putAll(base.configMaps);
            secrets.putAll(base.secrets);
            patches.addAll(base.patches);
            files.addAll(base.files);
            problems.addAll(base.problems);
        } else if (Files.isRegularFile(target)) {
            files.add(target);
            for (Map<String, Object> document : documents(target)) {
                parse(document, target).ifPresent(object -> resources.add(new Resource(target, object)));
            }
        } else {
            problems.add(kustomizationFile + ": resource " + target + " does not exist");
        }
    }

    @SuppressWarnings("unchecked")
    private void generate(Path file, Map<String, Object> generator, Map<String, Set<String>> generated, String kind) {
        String name = String.valueOf(generator.get("name"));
        Set<String> keys = new TreeSet<>();
        for (Object literal : list(generator.get("literals"))) {
            String text = String.valueOf(literal);
            if (!text.contains("=")) {
                problems.add(file + ": " + kind + " " + name + ": literal without '=': " + text);
            }
            keys.add(text.substring(0, Math.max(0, text.indexOf('='))));
        }
        for (Object source : list(generator.get("files"))) {
            String text = String.valueOf(source);
            String path = text.contains("=") ? text.substring(text.indexOf('=') + 1) : text;
            Path named = directory.resolve(path).normalize();
            if (!Files.isRegularFile(named)) {
                problems.add(file + ": " + kind + " " + name + ": file " + named + " does not exist");
            }
            files.add(named);
            keys.add(text.contains("=") ? text.substring(0, text.indexOf('=')) : named.getFileName().toString());
        }
        if (generator.containsKey("envs")) {
            problems.add(file + ": " + kind + " " + name + ": envs files are not read by this test");
        }
        String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
        switch (behavior) {
            case "create" -> {
                if (generated.containsKey(name)) {
                    problems.add(file + ": " + kind + " " + name + " is generated twice (merge or replace it)");
                }
                generated.put(name, keys);
            }
            case "merge", "replace" -> {
                if (!generated.containsKey(name)) {
                    problems.add(file + ": " + kind + " " + name + " has no base generator to " + behavior);
                } else if (behavior.equals("merge")) {
                    generated.get(name).addAll(keys);
                } else {
                    generated.put(name, keys);
                }
            }
            default -> problems.add(file + ": " + kind + " " + name + ": unknown behavior " + behavior);
        }
        generator.keySet().stream().filter(key -> !Set.of("name", "behavior", "literals", "files", "options")
                .contains(key)).forEach(key -> problems.add(file + ": " + kind + " " + name + ": field " + key));
    }

    private void checkImage(Path file, String name) {
        boolean used = objects().stream().flatMap(Kustomization::containers)
                .anyMatch(container -> imageName(container.getImage()).equals(name));
        if (!used) {
            problems.add(file + ": images names " + name + ", which no container uses");
        }
    }

    @SuppressWarnings("unchecked")
    private void readPatch(Path file, Map<String, Object> patch) {
        Map<String, Object> target = (Map<String, Object>) patch.get("target");
        List<Map<String, Object>> smp = new ArrayList<>();
        Path origin = file;
        if (patch.get("path") != null) {
            origin = directory.resolve(String.valueOf(patch.get("path"))).normalize();
            if (!Files.isRegularFile(origin)) {
                problems.add(file + ": patch " + origin + " does not exist");
                return;
            }
            files.add(origin);
            smp.addAll(documents(origin));
        } else if (patch.get("patch") != null) {
            Object inline = new Yaml().load(String.valueOf(patch.get("patch")));
            if (inline instanceof List<?> operations) {
                if (target == null) {
                    problems.add(file + ": a JSON patch needs a target");
                }
                for (Object operation : operations) {
                    Map<String, Object> op = (Map<String, Object>) operation;
                    if (!JSON_PATCH_OPERATIONS.contains(String.valueOf(op.get("op")))
                            || !String.valueOf(op.get("path")).startsWith("/")) {
                        problems.add(file + ": not a JSON patch operation: " + op);
                    }
                }
            } else {
                smp.add((Map<String, Object>) inline);
            }
        } else {
            problems.add(file + ": a patch without path or patch");
            return;
        }
        if (target != null) {
            String kind = String.valueOf(target.get("kind"));
            String name = String.valueOf(target.get("name"));
            boolean matches = objects().stream().anyMatch(object -> object.getKind().equals(kind)
                    && object.getMetadata().getName().matches(name));
            if (!matches) {
                problems.add(file + ": patch target " + target + " matches nothing");
            }
        }
        for (Map<String, Object> document : smp) {
            Path source = origin;
            parse(document, source).ifPresent(object -> {
                boolean exists = objects().stream().anyMatch(o -> o.getKind().equals(object.getKind())
                        && o.getMetadata().getName().equals(object.getMetadata().getName()));
                if (target == null && !exists) {
                    problems.add(source + ": patches " + object.getKind() + " " + object.getMetadata().getName()
                            + ", which the resources do not have");
                }
                patches.add(new Patch(source, object));
            });
        }
    }

    private Optional<HasMetadata> parse(Map<String, Object> document, Path origin) {
        try {
            return Optional.of(StrictModel.parse(document, origin.toString()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            for (Object document : new Yaml().loadAll(Repository.read(file))) {
                if (document instanceof Map<?, ?> map) {
                    documents.add((Map<String, Object>) map);
                } else if (document != null) {
                    problems.add(file + ": a document that is not an object");
                }
            }
        } catch (RuntimeException e) {
            problems.add(file + ": not YAML: " + e.getMessage());
        }
        return documents;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** The containers of a workload (Deployments only here) or of a patch of one. */
    static Stream<Container> containers(HasMetadata object) {
        if (object instanceof Deployment deployment && deployment.getSpec() != null
                && deployment.getSpec().getTemplate() != null) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            if (template.getSpec() != null) {
                return template.getSpec().getContainers().stream();
            }
        }
        return Stream.empty();
    }

    /** An image reference without its tag or digest. */
    static String imageName(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    /** Every YAML file under a directory, to find those no kustomization reads. */
    static Set<Path> yamlFilesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            Set<Path> yaml = new TreeSet<>();
            walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .forEach(p -> yaml.add(p.toAbsolutePath().normalize()));
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
