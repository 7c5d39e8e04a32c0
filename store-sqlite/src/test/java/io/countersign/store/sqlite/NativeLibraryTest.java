package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQLite's native library is unpacked once into the directory given, owner-only, and found there after. */
class NativeLibraryTest {

    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    @Test
    void unpacksOnceAndPointsTheDriverThere() throws Exception {
        String path = System.clearProperty(PATH);
        String name = System.clearProperty(NAME);
        try {
            Path lib = SqliteStores.freshHome().resolve("lib");
            Files.createDirectories(lib.resolve("sqlite-jdbc-0000000000000000"));
            NativeLibrary.cacheIn(lib);
            List<Path> copies;
            try (var dirs = Files.list(lib)) {
                copies = dirs.toList();
            }
            assertEquals(1, copies.size(), "an earlier driver's copy is removed: " + copies);
            Path dir = copies.get(0);
            Path file = dir.resolve(System.getProperty(NAME));
            assertEquals(dir.toString(), System.getProperty(PATH));
            assertTrue(Files.size(file) > 100_000, "the library: " + file);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            try (var left = Files.list(dir)) {
                assertEquals(List.of(file), left.toList(), "no temporary file left");
            }

            FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(file, marked);
            System.clearProperty(PATH);
            NativeLibrary.cacheIn(lib);
            assertEquals(marked, Files.getLastModifiedTime(file), "found, not unpacked again");
            assertEquals(dir.toString(), System.getProperty(PATH));

            System.setProperty(PATH, "/elsewhere");
            NativeLibrary.cacheIn(SqliteStores.freshHome().resolve("lib"));
            assertEquals("/elsewhere", System.getProperty(PATH), "a library placed by the property is left alone");
            try (SqliteStore store = SqliteStores.fresh()) {
                assertFalse(store.get("none").isPresent());
            }
        } finally {
            restore(PATH, path);
            restore(NAME, name);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
