package io.countersign.engine.policy;

import io.countersign.engine.compliance.RuleControls;
import io.countersign.lang.Frontend;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked policy set with everything numbered in file order (files by path, then position):
 * policies, risk factors, rules and the stages that have a {@code when}. The digest is a SHA-256 over
 * the files' paths and texts, so a decision names exactly the policy text that made it.
 */
public final class PolicySet {

    /**
     * A policy and where its parts sit in the numbering.
     *
     * @param acceptsUnsigned whether the policy says {@code allow unsigned decisions}
     * @param startWithin how far ahead of submission a requested start may lie ({@code allow start within},
     *     else {@link #DEFAULT_START_WITHIN})
     */
    public record PolicyEntry(int index, Policy policy, Optional<Expr> scope, Optional<Outcome> defaultOutcome,
            Map<String, Window> windows, List<Integer> riskFactors, List<Integer> rules,
            List<Integer> defaultStageConditions, boolean acceptsUnsigned, Duration startWithin) {
        public String name() {
            return policy.name().text();
        }
    }

    /** A risk factor: {@code policy/name}. */
    public record RiskEntry(int index, int policy, String id, Item.RiskFactor factor) {
    }

    /** A rule: {@code policy/rule}, its position in the file order and its stages with conditions. */
    public record RuleEntry(int index, int policy, String id, Item.Rule rule, List<Integer> stageConditions) {
    }

    /** A stage with a {@code when}: whose it is ({@code policy/rule} or {@code policy/default}), which stage (0-based). */
    public record StageEntry(int index, int policy, String owner, int stage, Stage node) {
    }

    /** How far ahead a requested start may lie where no deciding policy says otherwise. */
    public static final Duration DEFAULT_START_WITHIN = Duration.ofDays(30);

    private final List<SourceFile> sources;
    private final List<PolicyFile> files;
    private final List<PolicyEntry> policies;
    private final List<RiskEntry> riskFactors;
    private final List<RuleEntry> rules;
    private final List<StageEntry> stages;
    private final List<Integer> unscoped;
    private final List<Integer> withDefaults;
    /** File paths by their place in the set (sorted): the order stages and rationales follow. */
    private final java.util.Map<String, Integer> fileOrder = new java.util.HashMap<>();
    private final String digest;
    private final Frontend.Result frontend;
    private final Map<String, PolicyEntry> byName = new java.util.HashMap<>();
    private final Duration longestStartWithin;
    /** The rules that name controls, by id: most rules name none, and most decisions look up none. */
    private final Map<String, RuleControls> controls;

    private PolicySet(Frontend.Result result, List<String> names) {
        this.frontend = result;
        this.sources = result.sources();
        this.files = result.files();
        PolicyIndex index = new PolicyIndex();
        for (PolicyFile f : files) {
            fileOrder.putIfAbsent(f.path(), fileOrder.size());
            for (Policy p : f.policies()) {
                index.add(p);
            }
        }
        this.policies = index.policies;
        this.riskFactors = index.riskFactors;
        this.rules = index.rules;
        this.stages = index.stages;
        this.unscoped = index.unscoped;
        this.withDefaults = index.withDefaults;
        this.controls = index.controls;
        this.digest = PolicyDigest.of(sources, names);
        Duration longest = DEFAULT_START_WITHIN;
        for (PolicyEntry p : policies) {
            byName.putIfAbsent(p.name(), p);
            longest = p.startWithin().compareTo(longest) > 0 ? p.startWithin() : longest;
        }
        this.longestStartWithin = longest;
        this.scopeTemplate = new byte[policies.size()];
        for (int p : unscoped) {
            scopeTemplate[p] = 1;
        }
    }

    private final byte[] scopeTemplate;

    /** Scope findings before evaluation: true (1) for policies without a scope. Callers copy it. */
    public byte[] scopeTemplate() {
        return scopeTemplate;
    }

    /**
     * Compiles the sources; a set with any error is refused with every diagnostic. Files are taken in
     * path order whatever order they come in: stages are ordered by the deciding rules' file, paths
     * sorted (LANGUAGE.md), and the digest must not depend on how a caller listed them.
     */
    public static PolicySet of(List<SourceFile> sources) throws PolicySetException {
        return of(sources, null);
    }

    /**
     * {@link #of(List)}, the digest taken over {@code names} (by source path) instead of the paths: the
     * files' places in the policy directory, so that the same policies give the same digest wherever the
     * directory lies — in a checkout, a temporary copy, a revision read back from git.
     */
    public static PolicySet of(List<SourceFile> sources, Map<String, String> names) throws PolicySetException {
        List<SourceFile> sorted = new ArrayList<>(sources);
        sorted.sort(java.util.Comparator.comparing(SourceFile::path));
        Frontend.Result result = Frontend.compile(sorted);
        if (result.hasErrors()) {
            throw new PolicySetException(result);
        }
        List<String> digestNames = new ArrayList<>();
        for (SourceFile s : result.sources()) {
            digestNames.add(names == null ? s.path() : names.getOrDefault(s.path(), s.path()));
        }
        return new PolicySet(result, digestNames);
    }

    /**
     * Loads every {@code .policy} file under the paths. A file under a directory given is named in the
     * digest by its path inside that directory ({@code team/prod.policy}, always with {@code /}).
     */
    public static PolicySet load(List<Path> paths) throws IOException, PolicySetException {
        List<SourceFile> sources = new ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (Path p : PolicySources.find(paths)) {
            SourceFile s = PolicySources.read(p);
            sources.add(s);
            names.put(s.path(), PolicyDigest.relativeName(paths, p));
        }
        return of(sources, names);
    }

    /**
     * Whether a person's decision on a request these rules decided ({@code policy/rule} or
     * {@code policy/default} ids) may be unsigned: only when every policy among them says so. No rule
     * at all means no policy spoke for the request, and nothing is relaxed.
     */
    public boolean acceptsUnsigned(List<String> ruleIds) {
        if (ruleIds.isEmpty()) {
            return false;
        }
        for (String id : ruleIds) {
            int slash = id.indexOf('/');
            String policy = slash < 0 ? id : id.substring(0, slash);
            PolicyEntry p = byName.get(policy);
            if (p == null || !p.acceptsUnsigned()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far ahead of submission a request these rules decided may ask its access to start: the
     * shortest {@code allow start within} among their policies, a policy without one counting as
     * {@link #DEFAULT_START_WITHIN}; no rule at all, the default.
     */
    public Duration startWithin(List<String> ruleIds) {
        Duration bound = null;
        for (String id : ruleIds) {
            int slash = id.indexOf('/');
            String policy = slash < 0 ? id : id.substring(0, slash);
            PolicyEntry p = byName.get(policy);
            Duration d = p == null ? DEFAULT_START_WITHIN : p.startWithin();
            bound = bound == null || d.compareTo(bound) < 0 ? d : bound;
        }
        return bound == null ? DEFAULT_START_WITHIN : bound;
    }

    /**
     * What the rules among {@code ruleIds} that name controls ({@code complies}) claim, in their order;
     * empty when none does (a default or scope id names none).
     */
    public List<RuleControls> controls(List<String> ruleIds) {
        if (controls.isEmpty()) {
            return List.of();
        }
        List<RuleControls> out = new ArrayList<>(0);
        for (String id : ruleIds) {
            RuleControls c = controls.get(id);
            if (c != null) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** The longest {@code allow start within} of any policy (at least the default): no request may start later. */
    public Duration longestStartWithin() {
        return longestStartWithin;
    }

    public List<PolicyEntry> policies() {
        return policies;
    }

    public List<RiskEntry> riskFactors() {
        return riskFactors;
    }

    public List<RuleEntry> rules() {
        return rules;
    }

    public List<StageEntry> stageConditions() {
        return stages;
    }

    /** Policies without a scope: they apply to every request. */
    public List<Integer> unscopedPolicies() {
        return unscoped;
    }

    /** Policies with a default outcome. */
    public List<Integer> policiesWithDefaults() {
        return withDefaults;
    }

    /** The place of the file at {@code path} in the set's order (0 for a path it does not hold). */
    public int fileOrder(String path) {
        return fileOrder.getOrDefault(path, 0);
    }

    public List<PolicyFile> files() {
        return files;
    }

    public List<SourceFile> sources() {
        return sources;
    }

    /** The front end's result, warnings included. */
    public Frontend.Result frontend() {
        return frontend;
    }

    /** {@code sha256:<hex>} over the files' paths and texts: the {@code policyVersion} of a decision. */
    public String digest() {
        return digest;
    }
}
