package io.countersign.lsp.workspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** {@code file:} URIs and paths. Other schemes (unsaved buffers, remote files) are not policy sets. */
public final class Uris {

    private Uris() {
    }

    public static Optional<Path> path(String uri) {
        try {
            URI u = URI.create(uri);
            if (!"file".equalsIgnoreCase(u.getScheme())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(u).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    public static String uri(Path path) {
        return path.toUri().toString();
    }
}
