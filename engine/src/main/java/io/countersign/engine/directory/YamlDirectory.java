package io.countersign.engine.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.OpenValues;
import io.countersign.lang.source.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code directory.yaml}: {@code users: {alice: {groups: [...], attributes: {...}}}} (DATA.md "Directory"). */
public final class YamlDirectory implements Directory {

    public static final String FILE = "directory.yaml";

    record UserEntry(List<String> groups, Map<String, Object> attributes) {
    }

    record File(Map<String, UserEntry> users) {
    }

    private final Map<String, User> users;
    private final String digest;

    private YamlDirectory(Map<String, User> users, String digest) {
        this.users = Map.copyOf(users);
        this.digest = digest;
    }

    /** The directory in {@code dir/directory.yaml}, or an empty one when there is none. */
    public static Directory in(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file) ? read(file) : EMPTY;
    }

    public static YamlDirectory read(Path file) throws IOException {
        // Read as every file is (bounded, strict UTF-8, errors naming it), then digested as its bytes.
        TextFiles.read(file);
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * The directory a {@code directory.yaml}'s bytes describe; {@code name} names it in errors. Its
     * digest is SHA-256 over the bytes: the same file, wherever it lies (a checkout, a git revision),
     * gives the same digest.
     */
    public static YamlDirectory parse(byte[] bytes, String name) throws IOException {
        try {
            File f = Json.yaml().readValue(TextFiles.decode(bytes, name), File.class);
            Map<String, User> users = new LinkedHashMap<>();
            if (f != null && f.users() != null) {
                f.users().forEach((id, u) -> users.put(id, new User(id,
                        u == null || u.groups() == null ? List.of() : u.groups(),
                        u == null || u.attributes() == null ? Map.of() : OpenValues.freeze(u.attributes()))));
            }
            return new YamlDirectory(users, digestOf(bytes));
        } catch (JsonProcessingException e) {
            throw new IOException(Json.describeAt(name, e), e);
        }
    }

    /** The digest a directory file's bytes give ({@code sha256:HEX}), without reading it. */
    public static String digestOf(byte[] bytes) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }
}
