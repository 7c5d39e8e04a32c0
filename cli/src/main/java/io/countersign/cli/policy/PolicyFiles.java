package io.countersign.cli.policy;

import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the policy files a command names, reporting unreadable ones in one line each. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /** The sources under {@code paths}, or empty after printing why they cannot be read. */
    static Optional<List<SourceFile>> read(List<Path> paths, PrintWriter err) {
        List<Path> files;
        try {
            files = PolicySources.find(paths);
        } catch (NoSuchFileException e) {
            err.println("countersign: " + e.getFile() + ": no such file or directory");
            return Optional.empty();
        } catch (IOException e) {
            err.println("countersign: " + e.getMessage());
            return Optional.empty();
        }
        if (files.isEmpty()) {
            err.println("countersign: no " + PolicySources.EXTENSION + " files under " + paths.stream()
                    .map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("."));
            return Optional.empty();
        }
        List<SourceFile> sources = new ArrayList<>();
        boolean failed = false;
        for (Path f : files) {
            try {
                sources.add(PolicySources.read(f));
            } catch (IOException e) {
                err.println("countersign: " + e.getMessage());
                failed = true;
            }
        }
        return failed ? Optional.empty() : Optional.of(sources);
    }
}
