package io.countersign.engine.seal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded store's seal keys in {@code HOME/seal.keys} ({@link SealKeys#FILE}): one line per key,
 * {@code ID BASE64}, the last line current; made with one new key on first use, owner-only, and refused
 * when others may read it (whoever reads it can forge the store).
 */
final class SealKeyFile {

    private static final String HEADER = "# Countersign's seal keys: KEY-ID BASE64, one a line. The last line seals new\n"
            + "# writes; every line is accepted when a seal is checked. Owner-only: whoever reads this file can\n"
            + "# forge the store's records.\n";

    private SealKeyFile() {
    }

    /** {@link SealKeys#fromHome}. */
    static SealKeys fromHome(Path home) throws IOException {
        Path file = home.resolve(SealKeys.FILE);
        if (!Files.exists(file)) {
            create(home, file);
        }
        return read(file);
    }

    /** {@link SealKeys#rotate}. */
    static SealKeys rotate(Path home) throws IOException {
        SealKeys before = fromHome(home);
        Path file = home.resolve(SealKeys.FILE);
        String line = newId(before.ids()) + " " + Base64.getEncoder().encodeToString(random()) + "\n";
        Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        return read(file);
    }

    private static void create(Path home, Path file) throws IOException {
        Files.createDirectories(home);
        String text = HEADER + newId(Set.of()) + " " + Base64.getEncoder().encodeToString(random()) + "\n";
        Path tmp = Files.createTempFile(home, ".seal", ".tmp", ownerOnly(home));
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                c.force(true);
            }
            try {
                // Two commands starting at once on a fresh home: the first key file made wins, never both.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException other) {
                // the other command's key is the home's key
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static SealKeys read(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            p.remove(PosixFilePermission.OWNER_READ);
            p.remove(PosixFilePermission.OWNER_WRITE);
            if (!p.isEmpty()) {
                throw new IOException(file + ": others may read or run it; a seal key file must be owner-only"
                        + " (chmod 600 " + file + ")");
            }
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String last = null;
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("a line is KEY-ID BASE64");
                }
                last = SealKeys.parse("line " + (i + 1), parts[0] + ":" + parts[1], keys);
            } catch (IllegalArgumentException bad) {
                throw new IOException(file + ": " + bad.getMessage(), bad);
            }
        }
        if (last == null) {
            throw new IOException(file + ": holds no key");
        }
        return SealKeys.of(last, keys);
    }

    private static byte[] random() {
        byte[] b = new byte[SealKeys.MIN_BYTES];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String newId(Set<String> taken) {
        String id;
        do {
            byte[] b = new byte[4];
            new SecureRandom().nextBytes(b);
            id = "k" + HexFormat.of().formatHex(b);
        } while (taken.contains(id));
        return id;
    }
}
