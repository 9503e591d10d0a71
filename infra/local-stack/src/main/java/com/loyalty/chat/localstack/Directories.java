package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree chores the stack does on its own directories. */
final class Directories {

    private Directories() {
    }

    /** Deletes {@code directory} and everything below it; a missing directory is already deleted. */
    static void deleteRecursively(Path directory) {
        if (Files.notExists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    /** Starts {@code directory} empty, whatever an earlier run left there. */
    static Path recreate(Path directory) {
        deleteRecursively(directory);
        return create(directory);
    }

    /** Makes sure {@code directory} exists, keeping whatever is in it. */
    static Path create(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    /** Removes {@code directory} only if nothing else was put there. */
    static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
            // Someone else's files live there too; leave it.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
