package io.countersign.lsp.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which policy set a file belongs to (docs/lsp.md, "What a policy set is"): a configured root that
 * holds it; else the nearest folder up to its workspace folder that holds a {@code directory.yaml};
 * else its workspace folder. A file in none of these, or below a folder no set reads (build output,
 * dependencies, hidden folders), is a set of its own.
 */
public final class SetRoots {

    /** Folders never searched for policies: build output, dependencies, and hidden folders. */
    static final Set<String> SKIPPED = Set.of("target", "node_modules", "build", "out");

    private final List<Path> folders;
    private final List<Path> configured;

    public SetRoots(List<Path> folders, Settings settings) {
        this.folders = folders.stream().map(SetRoots::normal).sorted(Comparator.comparingInt(Path::getNameCount)
                .reversed()).toList();
        this.configured = settings.policyRoots().stream()
                .flatMap(r -> Path.of(r).isAbsolute() ? java.util.stream.Stream.of(Path.of(r))
                        : this.folders.stream().map(f -> f.resolve(r)))
                .map(SetRoots::normal)
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                .toList();
    }

    public List<Path> folders() {
        return folders;
    }

    /** Whether roots come from the settings rather than from {@code directory.yaml}. */
    public boolean configured() {
        return !configured.isEmpty();
    }

    /** The root of the set that {@code file} belongs to: a folder, or the file itself when it stands alone. */
    public Path rootOf(Path file) {
        Path f = normal(file);
        if (!configured.isEmpty()) {
            return configured.stream().filter(f::startsWith).findFirst().filter(r -> !skipped(r, f)).orElse(f);
        }
        Optional<Path> folder = folders.stream().filter(f::startsWith).findFirst();
        for (Path dir = f.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("directory.yaml"))) {
                return skipped(dir, f) ? f : dir;
            }
            if (folder.isPresent() && dir.equals(folder.get())) {
                break;
            }
        }
        return folder.filter(r -> !skipped(r, f)).orElse(f);
    }

    /** Whether a folder between {@code root} and {@code file} is one that sets never read. */
    static boolean skipped(Path root, Path file) {
        for (Path p = file.getParent(); p != null && !p.equals(root) && p.startsWith(root); p = p.getParent()) {
            if (skippedName(p.getFileName().toString())) {
                return true;
            }
        }
        return false;
    }

    static boolean skippedName(String name) {
        return SKIPPED.contains(name) || name.startsWith(".");
    }

    static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
