package io.countersign.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, unpacked once into a directory and loaded from there. The driver on its own
 * unpacks it into the temporary directory on every start, reads it back to compare, and removes it at
 * exit: about 150 ms of a command's CPU time, and a copy left behind by every process that is killed.
 * A command line that starts a new JVM for every command does better to keep one copy.
 */
public final class NativeLibrary {

    private NativeLibrary() {
    }

    /**
     * Makes the driver load its library from {@code dir} (unpacking it there first when it is not there
     * yet); does nothing when the library is already loaded or placed by the {@code org.sqlite.lib.path}
     * property, and leaves the driver to its own way when the directory cannot be written.
     */
    public static synchronized void cacheIn(Path dir) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            // Named by the driver's jar and the platform, which are cheap to know; which library of the
            // jar fits this platform is not (the driver looks at the C library), so it is asked only once.
            Path target = dir.resolve("sqlite-jdbc-" + fingerprint(driverIdentity()));
            Path file = target.resolve(System.mapLibraryName("sqlitejdbc"));
            if (!Files.isRegularFile(file)) {
                String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
                URL url = SQLiteJDBCLoader.class.getResource(resource);
                if (url == null) {
                    return; // no library for this platform in the jar: the driver will say so
                }
                unpack(url.openConnection(), target, file);
                removeOthers(dir, target);
            }
            System.setProperty("org.sqlite.lib.path", target.toString());
            System.setProperty("org.sqlite.lib.name", file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            // the driver unpacks its library into the temporary directory itself
        }
    }

    /** The copies of earlier drivers (each rebuilt jar has its own): a process still using one keeps its file open. */
    private static void removeOthers(Path dir, Path keep) {
        try (var others = Files.newDirectoryStream(dir, "sqlite-jdbc-*")) {
            for (Path other : others) {
                if (!other.equals(keep)) {
                    try (var files = Files.list(other)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an old copy left behind costs a megabyte, nothing else
        }
    }

    /** 64 bits of {@code s}: two different hashes of it side by side. */
    private static String fingerprint(String s) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toHexString((long) s.hashCode() << 32 | crc.getValue());
    }

    /** The driver's jar (where it is, its size and time) and the platform. */
    private static String driverIdentity() throws IOException {
        StringBuilder id = new StringBuilder();
        id.append(System.getProperty("os.name")).append('|').append(System.getProperty("os.arch"));
        java.security.CodeSource source = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource();
        if (source == null || !"file".equals(source.getLocation().getProtocol())) {
            throw new IOException("the driver's jar is not a file");
        }
        Path jar;
        try {
            jar = Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        id.append('|').append(jar).append('|').append(Files.size(jar)).append('|')
                .append(Files.getLastModifiedTime(jar).toMillis());
        return id.toString();
    }

    /** Into a temporary file beside the target, then moved in whole: a process killed half way leaves no half library. */
    private static void unpack(URLConnection connection, Path target, Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(target);
        }
        Path tmp = Files.createTempFile(target, "unpacking-", ".tmp");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
