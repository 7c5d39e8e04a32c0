package io.countersign.lsp.workspace;

import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.lang.Frontend;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.symbols.Index;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One policy set as it stood at one generation of edits: every file parsed, the set checked, names
 * indexed. Immutable but for the compiled {@link PolicySet}, made on first need (test cases' decisions)
 * because compiling costs more than checking.
 */
public final class Analysis {

    private final long generation;
    private final Path root;
    private final Map<Path, ParsedFile> policies;
    private final Map<Path, List<Diagnostic>> diagnostics;
    private final Map<Path, CaseFile> cases;
    private final DirectoryInfo directory;
    private final Index index;
    private final Frontend.Result frontend;
    private Optional<PolicySet> compiled;

    Analysis(long generation, Path root, Map<Path, ParsedFile> policies, Map<Path, List<Diagnostic>> diagnostics,
            Map<Path, CaseFile> cases, DirectoryInfo directory, Frontend.Result frontend) {
        this.generation = generation;
        this.root = root;
        this.policies = Map.copyOf(policies);
        this.diagnostics = Map.copyOf(diagnostics);
        this.cases = Map.copyOf(cases);
        this.directory = directory;
        this.frontend = frontend;
        this.index = Index.build(this.policies, this.cases);
    }

    public long generation() {
        return generation;
    }

    /** The set's folder, or the file itself when it stands alone. */
    public Path root() {
        return root;
    }

    public Map<Path, ParsedFile> policies() {
        return policies;
    }

    /** The front end's diagnostics of each policy file of the set (every file has an entry, maybe empty). */
    public Map<Path, List<Diagnostic>> diagnostics() {
        return diagnostics;
    }

    public Map<Path, CaseFile> cases() {
        return cases;
    }

    public DirectoryInfo directory() {
        return directory;
    }

    public Index index() {
        return index;
    }

    /** What {@code policy check} would report: the sources, the parsed files, every diagnostic. */
    public Frontend.Result frontend() {
        return frontend;
    }

    public boolean hasErrors() {
        return frontend.hasErrors();
    }

    /** The set compiled for decisions, or empty while it has errors. */
    public synchronized Optional<PolicySet> policySet() {
        if (compiled == null) {
            try {
                compiled = hasErrors() || policies.isEmpty() ? Optional.empty()
                        : Optional.of(PolicySet.of(frontend.sources()));
            } catch (PolicySetException e) {
                compiled = Optional.empty();
            }
        }
        return compiled;
    }
}
