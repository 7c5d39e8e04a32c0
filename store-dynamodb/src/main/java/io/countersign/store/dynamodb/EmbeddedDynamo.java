package io.countersign.store.dynamodb;

import io.countersign.engine.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this JVM, without a network port: in memory for tests, or keeping its
 * data in a directory for the CLI's default. Its jars travel inside ours (under {@code dynamodb-local/})
 * and are loaded by an {@link IsolatingClassLoader}; from a packaged jar they are unpacked once into a
 * cache directory named by their checksum.
 */
public final class EmbeddedDynamo implements AutoCloseable {

    private static final String BUNDLE = "dynamodb-local/";
    /** The SQLite file DynamoDB Local keeps every table in. */
    static final String DATABASE = "countersign.db";
    private static final String ENTRY = "com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded";
    private static final String LOCAL = "com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal";

    private final IsolatingClassLoader loader;
    private final Object local;
    private final DynamoDbClient client;

    private EmbeddedDynamo(IsolatingClassLoader loader, Object local, DynamoDbClient client) {
        this.loader = loader;
        this.local = local;
        this.client = client;
    }

    /** A database that lives as long as this object: for tests. */
    public static EmbeddedDynamo inMemory(Path cache) {
        return start(null, cache);
    }

    /** A database kept in the directory {@code data} between runs (one SQLite file in it). */
    public static EmbeddedDynamo persistent(Path data, Path cache) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + data + ": " + e.getMessage(), e);
        }
        return start(data, cache);
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
            loader.loadClass(LOCAL).getMethod("shutdown").invoke(local);
            // The loader stays open: DynamoDB Local's worker threads finish after shutdown returns and
            // still load classes; a closed loader would send them to ours.
        } catch (ReflectiveOperationException e) {
            throw new StoreException("stopping DynamoDB Local failed: " + e, e);
        }
    }

    private static EmbeddedDynamo start(Path data, Path cache) {
        IsolatingClassLoader loader = new IsolatingClassLoader(jars(cache), EmbeddedDynamo.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> embedded = loader.loadClass(ENTRY);
            // The Boolean turns telemetry off: nothing leaves the machine, no files appear in the working directory.
            Object local = data == null
                    ? embedded.getMethod("create", Boolean.class).invoke(null, Boolean.TRUE)
                    : embedded.getMethod("create", File.class, Boolean.class).invoke(null,
                            data.resolve(DATABASE).toFile(), Boolean.TRUE);
            DynamoDbClient client = (DynamoDbClient) loader.loadClass(LOCAL).getMethod("dynamoDbClient").invoke(local);
            return new EmbeddedDynamo(loader, local, client);
        } catch (InvocationTargetException e) {
            throw new StoreException("DynamoDB Local did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new StoreException("DynamoDB Local is not bundled with this build: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The bundled jars: where they lie on disk, or unpacked from our jar into {@code cache}. */
    private static URL[] jars(Path cache) {
        URL marker = EmbeddedDynamo.class.getClassLoader().getResource(BUNDLE);
        if (marker == null) {
            throw new StoreException("DynamoDB Local is not bundled with this build (no " + BUNDLE + ")", null);
        }
        try {
            Path dir;
            if ("file".equals(marker.getProtocol())) {
                dir = Path.of(marker.toURI());
            } else if ("jar".equals(marker.getProtocol())) {
                dir = unpacked(((JarURLConnection) marker.openConnection()).getJarFileURL(), cache);
            } else {
                throw new StoreException("cannot read the DynamoDB Local bundle from " + marker, null);
            }
            List<URL> out = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path f : files) {
                    out.add(f.toUri().toURL());
                }
            }
            return out.toArray(URL[]::new);
        } catch (IOException | URISyntaxException e) {
            throw new StoreException("cannot read the DynamoDB Local bundle: " + e.getMessage(), e);
        }
    }

    private static Path unpacked(URL jarUrl, Path cache) throws IOException, URISyntaxException {
        try (JarFile jar = new JarFile(new File(jarUrl.toURI()))) {
            List<JarEntry> entries = new ArrayList<>();
            CRC32 sum = new CRC32();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith(BUNDLE) && entry.getName().endsWith(".jar")) {
                    entries.add(entry);
                    sum.update(entry.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sum.update(HexFormat.of().toHexDigits(entry.getCrc()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            Path dir = cache.resolve("dynamodb-local-" + HexFormat.of().toHexDigits(sum.getValue()));
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Files.createDirectories(cache);
            // Unpack beside the target and move it in whole: a run interrupted half way leaves no half bundle.
            Path tmp = Files.createTempDirectory(cache, "unpacking-");
            for (JarEntry entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, tmp.resolve(entry.getName().substring(BUNDLE.length())));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(tmp);
            }
            return dir;
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory in the cache is harmless
        }
    }
}
