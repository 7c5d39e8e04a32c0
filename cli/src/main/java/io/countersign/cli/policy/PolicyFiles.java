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

/**
 * Reads the policy files a command names. A file that cannot be read (too large, not UTF-8, not
 * permitted) is reported in one line and left out; the others are still read, so one bad file among
 * thousands hides nothing about the rest.
 */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /** What was read, and one message per file that could not be ({@code FILE: reason}). */
    record Read(List<SourceFile> sources, List<String> unreadable) {
        int files() {
            return sources.size() + unreadable.size();
        }
    }

    /** The sources under {@code paths}, or empty after printing why there are none to read. */
    static Optional<Read> read(List<Path> paths, PrintWriter err) {
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
        List<String> unreadable = new ArrayList<>();
        for (Path f : files) {
            try {
                sources.add(PolicySources.read(f));
            } catch (IOException e) {
                unreadable.add(e.getMessage());
            }
        }
        return Optional.of(new Read(sources, unreadable));
    }
}
