package com.loyalty.chat.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as a tree (anchors and merge keys resolved; ${…} interpolation left as written). */
final class Compose {

    static final String FILE = "docker-compose.yml";

    private final Map<String, Object> tree;

    private Compose(Map<String, Object> tree) {
        this.tree = tree;
    }

    static Compose load() {
        return new Compose(new Yaml().load(Repository.read(Repository.path(FILE))));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) tree.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError(FILE + " has no service " + name);
        }
        return service;
    }

    /** The module a service's image is built from (build.args.MODULE), if it is built here. */
    static Optional<String> module(Map<String, Object> service) {
        return Optional.ofNullable(ServiceModule.at(service, "build", "args", "MODULE")).map(String::valueOf);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        return environment instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<String> volumes(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        return volumes instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** "768m", "1g", "512M" as bytes. */
    static long bytes(String size) {
        String text = size.trim().toLowerCase();
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = Character.isDigit(text.charAt(text.length() - 1)) ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
