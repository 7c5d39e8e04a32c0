package io.countersign.engine.verify;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy directory as an audit sees it: its current policy set and directory, and with its git
 * history every earlier revision, found by digest. A revision is compiled (its conditions into trees,
 * {@code Authorizer.scanning}: no knowledge base to build) only when a decision names it; a revision that no longer
 * compiles is reported as such.
 */
public final class PolicyHistory implements PolicyArchive, AutoCloseable {

    private final Map<String, PolicySet> sets = new HashMap<>();
    private final Map<String, GitRevisions.Revision> revisions = new HashMap<>();
    private final Map<String, Directory> directories = new HashMap<>();
    private final Map<String, byte[]> directoryBytes = new HashMap<>();
    private final Map<String, Authorizer> compiled = new HashMap<>();
    private final String where;

    private PolicyHistory(String where) {
        this.where = where;
    }

    /**
     * The current policies and directory of {@code dir}; with {@code history}, every revision of
     * {@code dir} in its git history too.
     *
     * @throws IOException when git cannot read the history (not a repository, git missing)
     */
    public static PolicyHistory of(PolicySet current, Directory directory, Path dir, boolean history)
            throws IOException {
        PolicyHistory h = new PolicyHistory(dir + (history ? " (its current files and every revision in its git"
                + " history)" : " (its current files; --history also searches its git history)"));
        h.sets.put(current.digest(), current);
        if (directory.digest() != null) {
            h.directories.put(directory.digest(), directory);
        }
        if (history) {
            for (GitRevisions.Revision r : GitRevisions.read(dir)) {
                h.revisions.putIfAbsent(r.policyDigest(), r);
                if (r.directory() != null) {
                    String d = YamlDirectory.digestOf(r.directory());
                    h.directoryBytes.putIfAbsent(d, r.directory());
                }
            }
        }
        return h;
    }

    @Override
    public synchronized Optional<Authorizer> policies(String digest) {
        if (digest == null) {
            return Optional.empty();
        }
        Authorizer a = compiled.get(digest);
        if (a != null) {
            return Optional.of(a);
        }
        PolicySet set = sets.get(digest);
        if (set == null && revisions.containsKey(digest)) {
            set = compile(revisions.get(digest));
        }
        if (set == null) {
            return Optional.empty();
        }
        a = Authorizer.scanning(set);
        compiled.put(digest, a);
        return Optional.of(a);
    }

    private static PolicySet compile(GitRevisions.Revision r) {
        List<SourceFile> sources = new ArrayList<>();
        r.policies().forEach((name, text) -> sources.add(new SourceFile(name, text)));
        try {
            return PolicySet.of(sources, null);
        } catch (PolicySetException e) {
            // A revision that was committed broken decided nothing: no decision can name it.
            return null;
        }
    }

    @Override
    public synchronized Optional<Directory> directory(String digest) {
        if (digest == null) {
            return Optional.empty();
        }
        Directory d = directories.get(digest);
        if (d == null && directoryBytes.containsKey(digest)) {
            try {
                d = YamlDirectory.parse(directoryBytes.get(digest), YamlDirectory.FILE + " " + digest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            directories.put(digest, d);
        }
        return Optional.ofNullable(d);
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public synchronized void close() {
        compiled.values().forEach(Authorizer::close);
        compiled.clear();
    }
}
