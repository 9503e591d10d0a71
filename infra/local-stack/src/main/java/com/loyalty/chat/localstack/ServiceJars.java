package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Where the build puts each service's executable jar: {@code <module>/target/<module>-<version>-exec.jar}. */
final class ServiceJars {

    static final String SESSION = "session-service";
    static final String MESSAGE = "message-service";
    static final String STATS = "stats-service";
    static final String REALTIME = "realtime-service";
    static final String GATEWAY = "gateway-service";
    static final List<String> MODULES = List.of(SESSION, MESSAGE, STATS, REALTIME, GATEWAY);

    private static final String VERSION = projectVersion();

    private ServiceJars() {
    }

    static Path of(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    /** Fails listing every missing jar, and how to build them, before anything is started. */
    static void requireBuilt(Path projectRoot) {
        List<Path> missing = MODULES.stream().map(module -> of(projectRoot, module)).filter(Files::notExists).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + missing
                    + ". Build them in " + projectRoot + " with: mvn -B -q -DskipTests package (./run --build does).");
        }
    }

    private static String projectVersion() {
        try (InputStream in = ServiceJars.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
