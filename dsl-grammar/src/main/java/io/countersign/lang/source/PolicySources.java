package io.countersign.lang.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads policy files. A directory is a policy set: every {@code *.policy} file below it,
 * searched recursively, in path order so that "file order" means the same thing on every machine.
 */
public final class PolicySources {

    public static final String EXTENSION = ".policy";

    private PolicySources() {
    }

    /** The {@code .policy} files under each root (a root that is a file is taken as it is), sorted, without repeats. */
    public static List<Path> find(List<Path> roots) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION))
                            .sorted()
                            .forEach(found::add);
                }
            } else if (Files.exists(root)) {
                found.add(root);
            } else {
                throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or directory");
            }
        }
        return found.stream().map(Path::normalize).distinct().toList();
    }

    /**
     * Reads a file as strict UTF-8, at most {@link TextFiles#MAX_BYTES}: text that is not UTF-8 is an
     * error, not a silent replacement, and a file too large is refused before it is read.
     */
    public static SourceFile read(Path file) throws IOException {
        return new SourceFile(file.toString(), TextFiles.read(file));
    }

    /** Reads every file, wrapping I/O failures so callers can report them per file. */
    public static List<SourceFile> readAll(List<Path> files) {
        List<SourceFile> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(read(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
