package io.countersign.lsp.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace's policy sets, made when a file of theirs is first opened or asked about, and the
 * files the editor has open. Called on the protocol's thread for changes and on request threads for
 * look-ups; the maps are concurrent and a set's texts are its own.
 */
public final class Workspace {

    private final SetRoots roots;
    private final Settings settings;
    private final Map<Path, PolicySetModel> sets = new ConcurrentHashMap<>();
    private final Map<Path, String> open = new ConcurrentHashMap<>();

    public Workspace(List<Path> folders, Settings settings) {
        this.settings = settings;
        this.roots = new SetRoots(folders, settings);
    }

    public Settings settings() {
        return settings;
    }

    /** The set {@code file} belongs to, made and read from disk on first use. */
    public PolicySetModel setOf(Path file) {
        Path root = roots.rootOf(file);
        return sets.computeIfAbsent(root, r -> load(r));
    }

    private PolicySetModel load(Path root) {
        PolicySetModel model = new PolicySetModel(root, settings, f -> roots.rootOf(f).equals(root));
        open.forEach((file, text) -> {
            if (roots.rootOf(file).equals(root)) {
                model.edited(file, text);
            }
        });
        return model;
    }

    public Collection<PolicySetModel> sets() {
        return List.copyOf(sets.values());
    }

    public Optional<String> openText(Path file) {
        return Optional.ofNullable(open.get(file));
    }

    public PolicySetModel opened(Path file, String text) {
        open.put(file, text);
        PolicySetModel model = setOf(file);
        model.edited(file, text);
        return model;
    }

    public PolicySetModel changed(Path file, String text) {
        return opened(file, text);
    }

    /** The editor closed {@code file}: the disk's text holds again. A file that stood alone leaves. */
    public PolicySetModel closed(Path file) {
        open.remove(file);
        PolicySetModel model = setOf(file);
        model.fromDisk(file, true);
        if (model.root().equals(file)) {
            sets.remove(file);
        }
        return model;
    }

    /**
     * Files changed on disk. A {@code directory.yaml} that comes or goes can move files between sets,
     * so every set is read again; other changes touch the set that holds the file. Returns the sets
     * to check again.
     */
    public List<PolicySetModel> changedOnDisk(Set<Path> files) {
        if (files.stream().anyMatch(f -> f.getFileName().toString().equals("directory.yaml"))) {
            sets.clear();
            return open.keySet().stream().map(this::setOf).distinct().toList();
        }
        List<PolicySetModel> touched = new ArrayList<>();
        for (Path f : files) {
            if (!PolicySetModel.isTracked(f)) {
                continue;
            }
            PolicySetModel m = sets.get(roots.rootOf(f));
            if (m != null) {
                m.fromDisk(f, false);
                if (!touched.contains(m)) {
                    touched.add(m);
                }
            }
        }
        return touched;
    }

    public boolean isOpen(Path file) {
        return open.containsKey(file);
    }
}
