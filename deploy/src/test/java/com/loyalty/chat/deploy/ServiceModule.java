package com.loyalty.chat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * What one service reads, taken from its own sources rather than from memory: the port and probe groups from its
 * application.yml, and every environment variable its configuration files name as a placeholder or its code (and the
 * chassis's, when it uses the chassis) names as a constant.
 */
record ServiceModule(String name, int port, boolean probesEnabled, Set<String> environmentVariables,
                     Set<String> profiles, Duration shutdownPhaseTimeout, boolean joinsConsumerGroup) {

    static final List<String> NAMES =
            List.of("session-service", "message-service", "stats-service", "realtime-service", "gateway-service");

    /** Read by Spring Boot or the JVM for any service, without a placeholder in its configuration. */
    private static final Set<String> PLATFORM_VARIABLES =
            Set.of("SPRING_PROFILES_ACTIVE", "SERVER_PORT", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern CONSTANT = Pattern.compile("\"(CHAT_[A-Z0-9_]+)\"");
    private static final Pattern PROFILE_FILE = Pattern.compile("application-([a-z0-9-]+)\\.ya?ml");

    static List<ServiceModule> all() {
        return NAMES.stream().map(ServiceModule::read).toList();
    }

    static ServiceModule named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a service module: " + name);
        }
        return read(name);
    }

    boolean reads(String variable) {
        return PLATFORM_VARIABLES.contains(variable) || environmentVariables.contains(variable);
    }

    String readinessPath() {
        return "/actuator/health/readiness";
    }

    String livenessPath() {
        return "/actuator/health/liveness";
    }

    private static ServiceModule read(String name) {
        Path module = Repository.path(name);
        Path resources = module.resolve("src/main/resources");
        Map<String, Object> application = yaml(resources.resolve("application.yml"));
        Set<String> variables = new TreeSet<>();
        Set<String> profiles = new TreeSet<>();
        for (Path file : files(resources, 1)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith("application") && (fileName.endsWith(".yml") || fileName.endsWith(".yaml"))) {
                collect(PLACEHOLDER, Repository.read(file), variables);
                Matcher profile = PROFILE_FILE.matcher(fileName);
                if (profile.matches()) {
                    profiles.add(profile.group(1));
                }
            }
        }
        List<Path> sources = new ArrayList<>(files(module.resolve("src/main/java"), Integer.MAX_VALUE));
        if (Repository.read(module.resolve("pom.xml")).contains("<artifactId>chassis</artifactId>")) {
            sources.addAll(files(Repository.path("chassis/src/main/java"), Integer.MAX_VALUE));
        }
        sources.stream().filter(f -> f.toString().endsWith(".java"))
                .forEach(f -> collect(CONSTANT, Repository.read(f), variables));
        Object port = at(application, "server", "port");
        Object managementPort = at(application, "management", "server", "port");
        if (managementPort != null) {
            throw new IllegalStateException(name + " serves actuator on its own port; the probes here assume one port");
        }
        Object probes = at(application, "management", "endpoint", "health", "probes", "enabled");
        Object shutdownPhase = at(application, "spring", "lifecycle", "timeout-per-shutdown-phase");
        Object consumerGroup = at(application, "spring", "kafka", "consumer", "group-id");
        return new ServiceModule(name, Integer.parseInt(String.valueOf(Objects.requireNonNull(port, name + ": port"))),
                Boolean.TRUE.equals(probes), variables, profiles,
                // Spring Boot's default when the service does not set it.
                shutdownPhase == null ? Duration.ofSeconds(30) : Durations.parse(String.valueOf(shutdownPhase)),
                consumerGroup != null);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    static Map<String, Object> yaml(Path file) {
        return new Yaml().load(Repository.read(file));
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    private static List<Path> files(Path directory, int depth) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory, depth)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
