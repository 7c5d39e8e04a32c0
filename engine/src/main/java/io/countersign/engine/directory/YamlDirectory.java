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

    private YamlDirectory(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /** The directory in {@code dir/directory.yaml}, or an empty one when there is none. */
    public static Directory in(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file) ? read(file) : EMPTY;
    }

    public static YamlDirectory read(Path file) throws IOException {
        try {
            File f = Json.yaml().readValue(TextFiles.read(file), File.class);
            Map<String, User> users = new LinkedHashMap<>();
            if (f != null && f.users() != null) {
                f.users().forEach((id, u) -> users.put(id, new User(id,
                        u == null || u.groups() == null ? List.of() : u.groups(),
                        u == null || u.attributes() == null ? Map.of() : OpenValues.freeze(u.attributes()))));
            }
            return new YamlDirectory(users);
        } catch (JsonProcessingException e) {
            throw new IOException(Json.describeAt(file.toString(), e), e);
        }
    }

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }
}
