package io.countersign.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Fresh, empty SQLite stores for tests: each in a temporary directory of its own, removed when the JVM
 * ends. For the store contract's fixture too.
 */
public final class SqliteStores {

    private static final List<Path> MADE = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(SqliteStores::delete), "sqlite-stores-cleanup"));
    }

    private SqliteStores() {
    }

    /** A new store in a new temporary directory. */
    public static SqliteStore fresh() {
        return SqliteStore.in(freshHome());
    }

    /** A new, empty temporary directory to be a home (the store's file is {@link SqliteStore#FILE} in it). */
    public static Path freshHome() {
        try {
            Path dir = Files.createTempDirectory("countersign-sqlite-");
            MADE.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
