package io.countersign.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.drools.DroolsEvaluator;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.reference.ReferenceEvaluator;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.RequestValidation;
import io.countersign.lang.source.SourceFile;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test: the Drools knowledge base compiled from a policy set and the reference
 * interpreter decide every request identically, down to the serialized {@link Evaluation}.
 *
 * <p>Each try generates a random, well-typed policy set as policy text (1–3 files, 1–3 policies each,
 * windows, risk factors, every outcome, clause and predicate kind, odd strings inside) and then
 * {@value #REQUESTS_PER_SET} random requests aimed at it: a small shared vocabulary so rules match
 * often, open attributes of the wrong type or absent, odd strings, DST transitions and the policy's
 * own window and date boundaries. Both authorizers are built once per set; the decisions must agree
 * byte for byte, and so must the raw findings (which also catch a wrong unknown that the decision
 * happens to hide, e.g. in a stage condition). The scanning authorizer (the same plans, conditions
 * compiled into trees without Drools: the CLI's) must give the same evaluation too, and so must the set
 * with its {@code complies} lines removed (controls are metadata); the decision records of all three name
 * the same controls.
 */
class DifferentialProperties {

    static final int SETS = 100;
    static final int REQUESTS_PER_SET = 100;
    static final int MIN_PAIRS = 10_000;

    /** Requests without {@code at} are evaluated at this instant (both authorizers read the same clock). */
    static final Instant CLOCK_INSTANT = Instant.parse("2026-03-29T01:00:00Z");
    static final Clock CLOCK = Clock.fixed(CLOCK_INSTANT, ZoneOffset.UTC);

    private static final AtomicLong PAIRS = new AtomicLong();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    @Property(tries = SETS, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void droolsDecidesLikeTheReference(@ForAll("policySets") Case c) throws Exception {
        boolean ok = false;
        try {
            check(c, d -> {
                // What the requests reach, reported by jqwik: every outcome, and undetermined rules.
                Statistics.label("outcome").collect(d.outcome());
                Statistics.label("undetermined").collect(d.undetermined().isEmpty() ? "none" : "some");
            });
            ok = true;
        } finally {
            if (!ok) {
                FAILURES.incrementAndGet();
            }
        }
    }

    /**
     * Decides {@value #REQUESTS_PER_SET} requests aimed at the case both ways and fails on the first
     * difference; {@code observe} sees each evaluation.
     */
    static void check(Case c, Consumer<Evaluation> observe) throws Exception {
        PolicySet set;
        try {
            set = PolicySet.of(c.files());
        } catch (PolicySetException e) {
            // The generator promises well-typed sets: an error here is a generator bug, not a skip.
            throw new AssertionError("generated policy set does not compile: " + e.getMessage() + "\n"
                    + e.result().render() + "\n" + c, e);
        }
        // A second knowledge base, for the findings: Drools builds one at a time (DroolsEvaluator), the rest overlaps.
        CompletableFuture<DroolsEvaluator> second = CompletableFuture.supplyAsync(() -> new DroolsEvaluator(set));
        Authorizer drools;
        try {
            drools = Authorizer.of(set).withClock(CLOCK);
        } catch (RuntimeException e) {
            throw new AssertionError("the knowledge base does not build: " + e + "\n---- policy set\n" + c.text()
                    + "---- DRL\n" + io.countersign.engine.drools.DrlCompiler.compile(set), e);
        }
        DroolsEvaluator droolsFindings = second.join();
        Authorizer reference = Authorizer.reference(set).withClock(CLOCK);
        Authorizer scanning = Authorizer.scanning(set).withClock(CLOCK);
        // The same set without its complies lines: controls are metadata, so it decides every request alike.
        Authorizer withoutControls = Authorizer.scanning(PolicySet.of(c.files().stream()
                .map(f -> new SourceFile(f.path(), f.text().replaceAll("(?m)^ *complies .*\n", ""))).toList()))
                .withClock(CLOCK);
        ReferenceEvaluator referenceFindings = new ReferenceEvaluator(set);
        ObjectMapper json = Json.mapper();
        Random random = new Random(c.seed());
        for (int i = 0; i < REQUESTS_PER_SET; i++) {
            String text = new RequestGen(c, random).json();
            AccessRequest request = json.readValue(text, AccessRequest.class);
            Evaluation d = drools.decide(request);
            Evaluation r = reference.decide(request);
            String dj = json.writeValueAsString(d);
            String rj = json.writeValueAsString(r);
            if (!dj.equals(rj)) {
                fail(report("the Drools evaluation differs from the reference", set, c, text, request, d, r));
            }
            // The production procedure without a knowledge base (the CLI's): the same evaluation.
            Evaluation s = scanning.decide(request);
            if (!json.writeValueAsString(s).equals(rj)) {
                fail(report("the scanning evaluation differs from the reference", set, c, text, request, s, r));
            }
            if (!withoutPolicyVersion(json, withoutControls.decide(request)).equals(withoutPolicyVersion(json, s))) {
                fail(report("the evaluation changes when the complies lines are removed", set, c, text, request, s, r));
            }
            // The findings agree as well, on every fourth request; so do the records' compliance checks.
            if (i % 4 == 0) {
                String dc = complianceCheck(drools, request);
                if (!java.util.Objects.equals(dc, complianceCheck(reference, request))
                        || !java.util.Objects.equals(dc, complianceCheck(scanning, request))) {
                    fail(report("the compliance checks differ", set, c, text, request, d, r));
                }
                Findings df = findings(droolsFindings, set, request);
                Findings rf = findings(referenceFindings, set, request);
                String differences = differences(set, df, rf);
                if (!differences.isEmpty()) {
                    fail(report("the Drools findings differ from the reference: " + differences, set, c,
                            text, request, d, r));
                }
            }
            observe.accept(d);
            PAIRS.incrementAndGet();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutPolicyVersion(ObjectMapper json, Evaluation e) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(e);
        tree.remove("policyVersion");
        return tree;
    }

    private static String complianceCheck(Authorizer a, AccessRequest request) {
        var record = a.decideAndRecord(request).record();
        return record == null ? null : record.complianceCheck();
    }

    private static Findings findings(io.countersign.engine.eval.Evaluator evaluator, PolicySet set,
            AccessRequest request) {
        AccessRequest r = RequestValidation.validate(request);
        Instant at = r.at() != null ? r.at().toInstant() : CLOCK_INSTANT;
        Facts facts = new Facts(r, at, new Findings(set));
        evaluator.evaluate(facts);
        return facts.getFindings();
    }

    /** The entries on which two findings differ, by name: {@code rule p1/r2: drools 0, reference 1}. */
    private static String differences(PolicySet set, Findings d, Findings r) {
        List<String> out = new ArrayList<>();
        for (PolicySet.PolicyEntry p : set.policies()) {
            if (d.scope(p.index()) != r.scope(p.index())) {
                out.add("scope " + p.name() + ": drools " + d.scope(p.index()) + ", reference " + r.scope(p.index()));
            }
        }
        for (PolicySet.RiskEntry x : set.riskFactors()) {
            if (d.risk(x.index()) != r.risk(x.index())) {
                out.add("risk " + x.id() + ": drools " + d.risk(x.index()) + ", reference " + r.risk(x.index()));
            }
        }
        for (PolicySet.RuleEntry x : set.rules()) {
            if (d.rule(x.index()) != r.rule(x.index())) {
                out.add("rule " + x.id() + ": drools " + d.rule(x.index()) + ", reference " + r.rule(x.index()));
            }
        }
        java.util.Map<String, PolicySet.RuleEntry> rules = new java.util.HashMap<>();
        set.rules().forEach(x -> rules.put(x.id(), x));
        for (PolicySet.StageEntry x : set.stageConditions()) {
            // A stage condition is a finding only where its rule (or default) decides: the Drools path
            // evaluates it only for the requests its rule names (docs/engine.md).
            PolicySet.RuleEntry owner = rules.get(x.owner());
            boolean read = r.scope(x.policy()) == io.countersign.engine.eval.Tri.TRUE
                    && (owner == null || r.rule(owner.index()) == io.countersign.engine.eval.Tri.TRUE);
            if (read && d.stage(x.index()) != r.stage(x.index())) {
                out.add("stage " + (x.stage() + 1) + " of " + x.owner() + ": drools " + d.stage(x.index())
                        + ", reference " + r.stage(x.index()));
            }
        }
        if (d.riskScore() != r.riskScore()) {
            out.add("risk score: drools " + d.riskScore() + ", reference " + r.riskScore());
        }
        return String.join("; ", out);
    }

    private static String report(String what, PolicySet set, Case c, String requestJson, AccessRequest request,
            Evaluation d, Evaluation r) throws Exception {
        ObjectMapper json = Json.mapper();
        StringBuilder b = new StringBuilder(what).append('\n');
        b.append("---- policy set (request seed ").append(c.seed()).append(")\n").append(c.text());
        b.append("---- request\n").append(requestJson).append('\n');
        b.append("---- drools\n").append(json.writerWithDefaultPrettyPrinter().writeValueAsString(d)).append('\n');
        b.append("---- reference\n").append(json.writerWithDefaultPrettyPrinter().writeValueAsString(r)).append('\n');
        String drl;
        try {
            DroolsEvaluator evaluator = new DroolsEvaluator(set);
            drl = evaluator.drl();
            b.append("---- findings\n  drools:    ");
            try {
                b.append(findings(evaluator, set, request));
            } catch (RuntimeException e) {
                b.append(e);
            }
            b.append("\n  reference: ").append(findings(new ReferenceEvaluator(set), set, request)).append('\n');
        } catch (RuntimeException e) {
            drl = io.countersign.engine.drools.DrlCompiler.compile(set) + "\n(does not build: " + e + ")";
        }
        b.append("---- DRL\n").append(drl);
        return b.toString();
    }

    @AfterContainer
    static void enoughPairs() {
        if (FAILURES.get() == 0) {
            assertTrue(PAIRS.get() >= MIN_PAIRS,
                    "only " + PAIRS.get() + " (set, request) pairs were compared; at least " + MIN_PAIRS
                            + " are needed");
        }
    }

    @Provide
    Arbitrary<Case> policySets() {
        return Arbitraries.randomValue(random -> new PolicyGen(random).generate());
    }

    // =============================================================================================
    // The generated case

    /**
     * A generated policy set with what the request generator should aim at: instants on the edges of
     * its windows and dates, and durations next to its duration literals.
     */
    record Case(List<SourceFile> files, List<Instant> instants, List<Duration> durations, long seed) {

        String text() {
            StringBuilder b = new StringBuilder();
            for (SourceFile f : files) {
                b.append("== ").append(f.path()).append('\n').append(f.text());
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return "Case(seed " + seed + ")\n" + text();
        }
    }

    // =============================================================================================
    // Vocabulary shared by policies and requests, so that rules match often

    static final String[] PROFILES = {"prod-admin", "prod-read", "prod-data", "db-x", "db-prod-primary", "dev-box"};
    static final String[] GROUPS = {"oncall", "sre", "leads"};
    static final String[] USERS = {"alice", "bob", "carol"};
    static final String[] PERMISSIONS = {"read", "write", "list", "delete", "export"};
    static final String[] ZONES = {"UTC", "Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe"};

    /**
     * Strings that could break a code generator: quotes, backslashes, MVEL's {@code $} and
     * {@code @{}}, DRL comment markers, a would-be unicode escape, control and non-BMP characters.
     */
    static final String[] ODD = {
        "we\"ird", "back\\slash", "$dollar", "${x}", "@{x}", "#hash", "new\nline", "tab\there", "ünïcödé",
        "日本語", "fire🔥", "*/ /*", "// c", "\"; end rule \"x", "\\u0041", "nul\u0000x", "line\u2028sep",
        "%s{}'", "a\\\"b", "cr\rlf", "prod-\"admin\"", "x$1\\2", "quote'single", "\\", "\"",
    };

    /** Open attributes, as paths. */
    static final String[] REQUESTER_FIELDS = {"employment", "manager", "level", "office", "tags", "nope"};
    static final String[] CONTEXT_FIELDS = {"mfa", "incident", "level", "device", "maxdur", "tags", "approver",
        "a.b", "a", "group", "sourceIp", "nope"};

    static final String[] GLOBS = {"prod-*", "db-?", "*admin", "*", "?", "prod-?e*", "*-*", "db-prod-*", "dev-box",
        ".*", "a\\*", "[x]*", "*$*", "${x}", "we\"ird*", "*\\*", "*🔥", "ün*", "new?line", "*\n*", "al*e", "?o?"};
    static final String[] REGEXES = {"prod-(admin|read)", "db-.*", "[a-c].*", ".*\\$.*", "\\d+", "ünï.*",
        "(?i)PROD-.*", "[^-]+", ".*\\\\.*", "a|b|alice", ".*\"", "\\Qx$\\E.*", "\\w+-\\w+", "(?s).*\\n.*",
        ".*🔥", "\\p{L}+"};
    static final String[] DURATIONS = {"45s", "90s", "1m", "30m", "1h", "1h30m", "2h", "4h", "8h", "12h", "24h",
        "2d", "1w", "2w"};
    static final String[] CONDITION_NAMES = {"mode", "max_rows", "ttl", "tags", "note", "recording", "shift"};

    /** DST transitions of 2026 in the zones the policies use, each with instants around it. */
    static final List<Instant> DST_EDGES = dstEdges();

    private static List<Instant> dstEdges() {
        List<Instant> out = new ArrayList<>();
        for (String z : List.of("Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe")) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            while (true) {
                ZoneOffsetTransition tr = ZoneId.of(z).getRules().nextTransition(t);
                if (tr == null || tr.getInstant().isAfter(Instant.parse("2027-01-01T00:00:00Z"))) {
                    break;
                }
                t = tr.getInstant();
                for (long s : new long[] {0, -1, 1, -1800, 1800, -3600, 3600, -5400, 5400}) {
                    out.add(t.plusSeconds(s));
                }
            }
        }
        return List.copyOf(out);
    }

    // =============================================================================================
    // Policy generator

    /** Writes a random well-typed policy set as text. */
    static final class PolicyGen {

        private final Random random;
        private final List<Instant> instants = new ArrayList<>();
        private final List<Duration> durations = new ArrayList<>();
        private List<String> windows = List.of();
        private int policyCount;

        PolicyGen(Random random) {
            this.random = random;
        }

        Case generate() {
            List<SourceFile> files = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int f = 0; f < n; f++) {
                StringBuilder text = new StringBuilder("# generated\n");
                int policies = 1 + random.nextInt(3);
                for (int p = 0; p < policies; p++) {
                    policy(text);
                }
                files.add(new SourceFile((f == 1 ? "sub/" : "") + "f" + f + ".policy", text.toString()));
            }
            // in a random order, as a caller may pass them
            Collections.shuffle(files, random);
            return new Case(List.copyOf(files), List.copyOf(instants), List.copyOf(durations), random.nextLong());
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }

        /** A vocabulary word, now and then an odd string instead. */
        private String word(String[] common) {
            return chance(0.85) ? pick(common) : pick(ODD);
        }

        private void policy(StringBuilder out) {
            String name = "p" + (++policyCount);
            out.append("policy ").append(name).append(" {\n");
            List<String> items = new ArrayList<>();
            if (chance(0.3)) {
                items.add("description " + quote(pick(ODD)));
            }
            int windowCount = random.nextInt(4);
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= windowCount; i++) {
                names.add("w" + i);
            }
            windows = names;
            for (String w : names) {
                items.add("window " + w + " = " + window());
            }
            if (chance(0.5)) {
                // Mostly what scopes say in practice (never unknown); an unknown scope denies the whole set.
                items.add("scope " + (chance(0.75)
                        ? pick("profile matches " + quote(pick(GLOBS)), "profile in " + literal("ls"),
                                "requester in group " + quote(word(GROUPS)),
                                "not (profile == " + quote(word(PROFILES)) + ")")
                        : expr(1 + random.nextInt(2), false)));
            }
            if (chance(0.4)) {
                items.add("default " + outcome());
            }
            int risks = random.nextInt(5);
            for (int i = 1; i <= risks; i++) {
                int weight = -30 + random.nextInt(91);
                items.add("risk f" + i + " " + (weight < 0 ? "-" : "+") + Math.abs(weight) + " when "
                        + expr(random.nextInt(3), false));
            }
            int rules = 1 + random.nextInt(8);
            for (int i = 1; i <= rules; i++) {
                StringBuilder r = new StringBuilder("rule r" + i + " {\n");
                if (chance(0.2)) {
                    r.append("    description ").append(quote(pick(ODD))).append('\n');
                }
                if (chance(0.2)) {
                    // Controls are metadata: every authorizer must name the same ones for the same decision.
                    r.append("    complies \"CTRL-").append(i).append("\" \"SOX-404\"\n");
                }
                String outcome = outcome();
                if (chance(0.9)) {
                    // Often the realistic shape `profile == "x" and ...` (indexed, hashed constraints), above
                    // all for denials: one that reads a missing attribute denies everything.
                    String indexed = chance(outcome.startsWith("deny") ? 0.8 : 0.3)
                            ? "profile == " + quote(word(PROFILES)) + " and " : "";
                    r.append("    when ").append(indexed).append(expr(random.nextInt(indexed.isEmpty() ? 4 : 3), true))
                            .append('\n');
                }
                r.append("    then ").append(outcome).append("\n  }");
                items.add(r.toString());
            }
            // declarations may be used before they appear
            Collections.shuffle(items, random);
            for (String item : items) {
                out.append("  ").append(item).append('\n');
            }
            out.append("}\n\n");
        }

        // ---- outcomes

        private String outcome() {
            int kind = random.nextInt(20);
            if (kind < 10) {
                return "approve" + clauses(grants());
            } else if (kind < 12) {
                String deny = "deny " + quote(chance(0.7) ? "Denied: " + word(GROUPS) : pick(ODD));
                return chance(0.5) ? deny + "\n      appeal to " + approvers(false) : deny;
            }
            StringBuilder b = new StringBuilder("require approval ").append(stage());
            int more = random.nextInt(3);
            for (int i = 0; i < more; i++) {
                b.append("\n      then ").append(stage());
            }
            List<String> clauses = grants();
            int escalations = random.nextInt(3);
            for (int i = 0; i < escalations; i++) {
                clauses.add("escalate after " + duration() + " to " + approvers(false));
            }
            if (chance(0.4)) {
                clauses.add("expire after " + duration());
            }
            if (chance(0.3)) {
                clauses.add("allow self-approval");
            }
            if (chance(0.3)) {
                clauses.add("no delegation");
            }
            return b + clauses(clauses);
        }

        private String clauses(List<String> clauses) {
            Collections.shuffle(clauses, random);
            StringBuilder b = new StringBuilder();
            for (String c : clauses) {
                b.append("\n      ").append(c);
            }
            return b.toString();
        }

        private List<String> grants() {
            List<String> out = new ArrayList<>();
            if (chance(0.3)) {
                out.add("cap duration " + duration());
            }
            if (chance(0.25)) {
                List<String> perms = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    perms.add(quote(word(PERMISSIONS)));
                }
                out.add("grant only [" + String.join(", ", perms) + "]");
            }
            if (chance(0.25)) {
                out.add("review after " + duration());
            }
            List<String> names = new ArrayList<>(List.of(CONDITION_NAMES));
            Collections.shuffle(names, random);
            int conditions = chance(0.4) ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < conditions; i++) {
                out.add("condition " + names.get(i) + " = " + conditionValue());
            }
            int stipulations = chance(0.35) ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < stipulations; i++) {
                out.add("stipulate " + quote(chance(0.5) ? "Session is recorded" : pick(ODD)));
            }
            int followUps = chance(0.2) ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < followUps; i++) {
                out.add("follow up " + quote(chance(0.5) ? "Report back" : pick(ODD)) + " within " + duration());
            }
            if (chance(0.25)) {
                out.add("renewable");
            }
            return out;
        }

        private String conditionValue() {
            return switch (random.nextInt(8)) {
                case 0 -> "08:00";
                case 1 -> "2026-03-29";
                case 2 -> "[" + quote(word(PERMISSIONS)) + ", " + quote(pick(ODD)) + "]";
                case 3 -> "[]";
                default -> literal(pick("s", "n", "d", "b"));
            };
        }

        private String stage() {
            String from;
            if (chance(0.3)) {
                // all of: named users (and user paths) only
                List<String> users = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    users.add(userApprover());
                }
                from = "all of " + String.join(", ", users);
            } else {
                List<String> approvers = new ArrayList<>();
                Set<String> distinctUsers = new LinkedHashSet<>();
                boolean group = false;
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (chance(0.45)) {
                        approvers.add("group " + quote(word(GROUPS)));
                        group = true;
                    } else {
                        String u = userApprover();
                        approvers.add(u);
                        distinctUsers.add(u);
                    }
                }
                int max = group ? 3 : distinctUsers.size();
                from = (1 + random.nextInt(max)) + " of " + String.join(", ", approvers);
            }
            return "from " + from + (chance(0.4) ? " when " + expr(random.nextInt(3), true) : "");
        }

        private String userApprover() {
            return switch (random.nextInt(5)) {
                case 0 -> "requester.manager";
                case 1 -> "context.approver";
                default -> "user " + quote(word(USERS));
            };
        }

        private String approvers(boolean usersOnly) {
            List<String> out = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                out.add(usersOnly || chance(0.5) ? userApprover() : "group " + quote(word(GROUPS)));
            }
            return String.join(", ", out);
        }

        private String duration() {
            String d = pick(DURATIONS);
            durations.add(io.countersign.lang.parse.DurationText.parse(d));
            return d;
        }

        // ---- time

        private String window() {
            String days = switch (random.nextInt(5)) {
                case 0 -> "daily";
                case 1 -> "weekdays";
                case 2 -> "weekends";
                default -> dayList();
            };
            LocalTime start = time();
            LocalTime end = chance(0.1) ? start : time();
            Zone zone = zone();
            aim(start, end, zone.id);
            return days + " " + hhmm(start) + "-" + hhmm(end) + zone.text;
        }

        private String dayList() {
            String[] days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            List<String> parts = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                String from = pick(days);
                if (chance(0.6)) {
                    parts.add(from + (chance(0.8) ? "-" : " - ") + pick(days)); // wrapping ranges too
                } else {
                    parts.add(from);
                }
            }
            return String.join(", ", parts);
        }

        private LocalTime time() {
            if (chance(0.6)) {
                return LocalTime.parse(pick("00:00", "08:00", "19:00", "22:00", "06:00", "02:30", "02:00", "03:00",
                        "01:30", "23:59", "12:00", "09:15"));
            }
            return LocalTime.of(random.nextInt(24), random.nextInt(60));
        }

        private static String hhmm(LocalTime t) {
            return String.format("%02d:%02d", t.getHour(), t.getMinute());
        }

        /** A zone clause: text and the zone it means. */
        private record Zone(String text, ZoneId id) {
        }

        private Zone zone() {
            if (chance(0.2)) {
                return new Zone("", ZoneOffset.UTC);
            }
            String z = pick(ZONES);
            return new Zone(" in " + quote(z), ZoneId.of(z));
        }

        /** Instants at a window's start and end (and a second either side) on days around the DST changes. */
        private void aim(LocalTime start, LocalTime end, ZoneId zone) {
            List<LocalDate> days = new ArrayList<>(List.of(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-08"),
                    LocalDate.parse("2026-10-25"), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-04-05"),
                    LocalDate.parse("2026-10-04")));
            days.add(LocalDate.parse("2026-01-01").plusDays(random.nextInt(365)));
            for (LocalDate d : days) {
                for (LocalDate day : List.of(d.minusDays(1), d, d.plusDays(1))) {
                    Instant s = day.atTime(start).atZone(zone).toInstant();
                    Instant e = day.atTime(end).atZone(zone).toInstant();
                    for (long delta : new long[] {0, -1, 1}) {
                        instants.add(s.plusSeconds(delta));
                        instants.add(e.plusSeconds(delta));
                    }
                }
            }
        }

        private String between() {
            LocalDate from = chance(0.6)
                    ? LocalDate.parse(pick("2026-03-29", "2026-03-08", "2026-10-25", "2026-11-01", "2026-04-05",
                            "2026-10-04", "2026-12-31"))
                    : LocalDate.parse("2026-01-01").plusDays(random.nextInt(365));
            LocalDate to = from.plusDays(chance(0.3) ? 0 : random.nextInt(40));
            Zone zone = zone();
            Instant s = from.atStartOfDay(zone.id).toInstant();
            Instant e = to.plusDays(1).atStartOfDay(zone.id).toInstant();
            for (long delta : new long[] {0, -1, 1}) {
                instants.add(s.plusSeconds(delta));
                instants.add(e.plusSeconds(delta));
            }
            return "now between " + from + " and " + to + zone.text;
        }

        // ---- expressions

        /** A condition with and/or/not nested at most {@code depth} deep; risk only where allowed. */
        String expr(int depth, boolean risk) {
            if (depth > 0 && chance(0.06)) {
                return oneOf(risk);
            }
            if (depth > 0 && chance(0.55)) {
                int kind = random.nextInt(5);
                if (kind == 0) {
                    return "not " + group(expr(depth - 1, risk));
                }
                String op = kind <= 2 ? " and " : " or ";
                int n = 2 + (chance(0.3) ? 1 : 0);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    parts.add(group(expr(depth - 1, risk)));
                }
                return String.join(op, parts);
            }
            return predicate(risk);
        }

        /**
         * An {@code or} of four to eight equalities of one path, which the Drools path tests as one set
         * lookup when the value is a string ({@code CompiledCondition.OneOf}); on an open path some
         * literals are of other types, and another predicate may join in.
         */
        private String oneOf(boolean risk) {
            String path = pick("profile", "requester", "justification", anyPath());
            boolean open = path.startsWith("requester.") || path.startsWith("context.");
            List<String> parts = new ArrayList<>();
            for (int i = 4 + random.nextInt(5); i > 0; i--) {
                String value = literal(open && chance(0.2) ? pick("n", "d", "b") : "s");
                parts.add(chance(0.2) ? value + " == " + path : path + " == " + value);
            }
            if (chance(0.3)) {
                parts.add(random.nextInt(parts.size() + 1), group(predicate(risk)));
            }
            return String.join(" or ", parts);
        }

        /**
         * Parenthesises a sub-condition that has connectives, mostly: leaving them out now and then
         * only changes how it parses, which both evaluators see the same way.
         */
        private String group(String e) {
            boolean compound = e.contains(" and ") || e.contains(" or ") || e.startsWith("not ");
            return compound && chance(0.85) ? "(" + e + ")" : e;
        }

        String predicate(boolean risk) {
            return switch (random.nextInt(20)) {
                case 0 -> "has " + pick(anyPath(), pick("ticket", "justification", "groups", "permissions", "profile"),
                        risk ? "risk" : "ticket");
                case 1, 2 -> "requester " + (chance(0.3) ? "not " : "") + "in group " + quote(word(GROUPS));
                case 3, 4 -> "now during " + (!windows.isEmpty() && chance(0.6)
                        ? windows.get(random.nextInt(windows.size())) : window());
                case 5 -> between();
                case 6, 7, 8, 9, 10 -> compare(risk);
                case 11, 12 -> in(risk);
                case 13, 14 -> matches();
                case 15, 16, 17 -> contains();
                case 18 -> chance(0.5) ? "true" : "false";
                default -> "(" + predicate(risk) + ")";
            };
        }

        // Types: s string, n number, d duration, b boolean, ls list of strings, ln list of numbers, a open.

        private String anyPath() {
            return chance(0.5) ? "requester." + pick(REQUESTER_FIELDS) : "context." + pick(CONTEXT_FIELDS);
        }

        /** A path of type t, or null when no attribute has that type. */
        private String path(String t, boolean risk) {
            return switch (t) {
                case "s" -> pick("profile", "profile", "requester", "justification", "ticket");
                case "n" -> risk ? "risk" : null;
                case "d" -> "duration";
                case "ls" -> pick("groups", "permissions");
                case "a" -> anyPath();
                default -> null;
            };
        }

        /** A path or literal of type t, or an open path (compatible with every type). */
        private String operand(String t, boolean risk, boolean literalAllowed) {
            double roll = random.nextDouble();
            String typed = path(t, risk);
            if (typed != null && roll < 0.5) {
                return typed;
            }
            if (roll < 0.7 || !literalAllowed) {
                return anyPath();
            }
            return literal(t);
        }

        private String compare(boolean risk) {
            String t = pick("s", "s", "n", "n", "d", "d", "b", "ls", "ln");
            boolean ordering = (t.equals("n") || t.equals("d")) && chance(0.7);
            String op = ordering ? pick("<", "<=", ">", ">=") : pick("==", "==", "!=");
            String typed = path(t, risk);
            String left;
            String right;
            if (typed != null && chance(0.6)) {
                // the common shape: attribute OP literal, sometimes written the other way round
                left = typed;
                right = chance(0.8) ? literal(t) : operand(t, risk, true);
                if (chance(0.15)) {
                    String x = left;
                    left = right;
                    right = x;
                }
            } else {
                left = operand(t, risk, chance(0.1));
                right = operand(t, risk, true);
            }
            return left + " " + op + " " + right;
        }

        private String in(boolean risk) {
            String t = pick("s", "s", "s", "n", "d", "b", "a");
            String left = t.equals("a") ? anyPath() : operand(t, risk, chance(0.2));
            String right;
            if (chance(0.75)) {
                right = t.equals("a") ? literal(pick("ls", "ln", "ld")) : literal("l" + t);
            } else {
                right = t.equals("s") ? pick("groups", "permissions", anyPath()) : anyPath();
            }
            return left + (chance(0.35) ? " not in " : " in ") + right;
        }

        private String matches() {
            String left = chance(0.1) ? quote(word(PROFILES)) : operand("s", false, false);
            String not = chance(0.3) ? " not" : "";
            return chance(0.6)
                    ? left + not + " matches " + quote(pick(GLOBS))
                    : left + not + " matches regex " + quote(pick(REGEXES));
        }

        private String contains() {
            String q = pick("", "", "any ", "all ");
            String left = switch (random.nextInt(5)) {
                case 0, 1 -> pick("groups", "permissions");
                case 2 -> pick("justification", "ticket", "profile", "requester");
                case 3 -> anyPath();
                default -> literal(pick("s", "ls"));
            };
            boolean open = left.startsWith("requester.") || left.startsWith("context.");
            String right;
            if (q.isEmpty()) {
                right = chance(0.6) ? quote(word(pick(PERMISSIONS, GROUPS, PROFILES)))
                        : open && chance(0.3) ? literal(pick("n", "b", "d", "ls")) : operand("s", false, false);
            } else {
                right = chance(0.7) ? literal(open ? pick("ls", "ls", "ln") : "ls")
                        : chance(0.5) ? pick("groups", "permissions") : anyPath();
            }
            return left + " contains " + q + right;
        }

        // ---- literals

        private String literal(String t) {
            return switch (t) {
                case "s" -> quote(chance(0.2) ? pick("1h", "PT1H", "5", "true", "INC-", "") : word(pick(PROFILES,
                        USERS, GROUPS, PERMISSIONS, new String[] {"contractor", "employee", "managed", "INC-1"})));
                case "n" -> pick("0", "1", "2", "3", "5", "-1", "2.5", "3.0", "0.1", "-1.5", "10", "40", "70", "100",
                        String.valueOf(random.nextInt(120) - 10));
                case "d" -> duration();
                case "b" -> pick("true", "false");
                case "a" -> literal(pick("s", "n", "d", "b"));
                default -> list(t.substring(1));
            };
        }

        private String list(String element) {
            int n = chance(0.15) ? 0 : 1 + random.nextInt(3);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(literal(element));
            }
            return "[" + String.join(", ", parts) + "]";
        }
    }

    /** A string literal in policy syntax; a {@code P} is written as a unicode escape, to exercise escapes too. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c >= 0x7f && c < 0xa0 || c == '\u2028' || c == '\u2029' || c == 'P') {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // =============================================================================================
    // Request generator

    /** One random request aimed at a case, as JSON. */
    static final class RequestGen {

        private final Case c;
        private final Random random;

        RequestGen(Case c, Random random) {
            this.c = c;
            this.random = random;
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }

        private String word(String[] common) {
            return chance(0.85) ? pick(common) : pick(ODD);
        }

        /** Distinct, non-blank words. */
        private List<String> subset(String[] common) {
            Set<String> out = new LinkedHashSet<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String w = word(common);
                if (!w.isBlank()) {
                    out.add(w);
                }
            }
            return new ArrayList<>(out);
        }

        String json() throws Exception {
            Map<String, Object> r = new LinkedHashMap<>();
            if (chance(0.05)) {
                r.put("id", "req-" + random.nextInt(1000));
            }
            r.put("requester", chance(0.9) ? pick(USERS) : pick("dave", "we\"ird", "ünï", "$dollar", "new\nline"));
            if (chance(0.85)) {
                r.put("groups", subset(GROUPS));
            }
            if (chance(0.85)) {
                r.put("attributes", attributes());
            }
            r.put("profile", chance(0.85) ? word(PROFILES) : "x-" + random.nextInt(5));
            if (chance(0.85)) {
                r.put("permissions", subset(PERMISSIONS));
            }
            r.put("duration", duration());
            if (chance(0.6)) {
                r.put("justification", pick("INC-4411 latency in checkout", "CHG-1 deploy", "we\"ird $ # \\ \n ünï",
                        "fire🔥 1", "nul\u0000x", "restore db-x"));
            }
            if (chance(0.5)) {
                r.put("ticket", pick("INC-4411", "CHG-2", "${x}", "#1", "INC-"));
            }
            if (chance(0.85)) {
                r.put("context", context());
            }
            Instant at = chance(0.05) ? null : at();
            if (at != null) {
                r.put("at", OffsetDateTime.ofInstant(at, ZoneOffset.ofTotalSeconds(
                        pick(0, 0, 3600, -8 * 3600, 37800, 19800, -9000))).toString());
                if (chance(0.1)) {
                    r.put("startAt", OffsetDateTime.ofInstant(at.plusSeconds(pick(-3600L, 3600L, 86400L)),
                            ZoneOffset.UTC).toString());
                }
            }
            return Json.mapper().writeValueAsString(r);
        }

        private Object anyValue() {
            return switch (random.nextInt(9)) {
                case 0 -> pick(ODD);
                case 1 -> random.nextInt(10);
                case 2 -> new BigDecimal(pick("2.5", "3.0", "0.1", "-1.5", "1E+2"));
                case 3 -> random.nextBoolean();
                case 4 -> List.of(word(GROUPS), word(PERMISSIONS));
                case 5 -> Map.of("b", 1);
                case 6 -> pick("1h", "PT30M", "2h");
                case 7 -> "";
                default -> word(USERS);
            };
        }

        private Map<String, Object> attributes() {
            Map<String, Object> a = new LinkedHashMap<>();
            put(a, "employment", 0.75, () -> chance(0.8) ? pick("employee", "contractor") : anyValue());
            put(a, "manager", 0.7, () -> chance(0.7) ? word(USERS) : pick("", 7, "  ", pick(ODD)));
            put(a, "level", 0.7, () -> pick(3, 5, new BigDecimal("2.5"), "3", true, new BigDecimal("3.0"), 100));
            put(a, "office", 0.3, () -> pick("berlin", "san-francisco", 1));
            put(a, "tags", 0.3, this::anyValue);
            return a;
        }

        private Map<String, Object> context() {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "mfa", 0.7, () -> pick(true, false, true, "true", 1));
            put(m, "incident", 0.4, () -> pick("INC-1", "", 5, pick(ODD)));
            put(m, "level", 0.5, () -> pick(1, 2, 3, new BigDecimal("2.5"), new BigDecimal("40"),
                    new BigDecimal("70.0"), "high", -1));
            put(m, "device", 0.4, () -> pick("managed", "byod", pick(ODD)));
            put(m, "maxdur", 0.3, () -> pick("2h", "PT30M", 5, "1h30m", "soon"));
            put(m, "tags", 0.4, () -> chance(0.7) ? subset(pick(GROUPS, PERMISSIONS, PROFILES)) : anyValue());
            put(m, "approver", 0.6, () -> chance(0.7) ? word(USERS) : pick("", 5));
            put(m, "a", 0.3, () -> chance(0.7) ? Map.of("b", anyValue()) : anyValue());
            put(m, "group", 0.2, () -> word(GROUPS));
            put(m, "sourceIp", 0.2, () -> "10.0.0.1");
            return m;
        }

        private void put(Map<String, Object> m, String key, double p, java.util.function.Supplier<Object> value) {
            if (chance(p)) {
                m.put(key, value.get());
            }
        }

        private String duration() {
            Duration d;
            if (!c.durations().isEmpty() && chance(0.4)) {
                d = c.durations().get(random.nextInt(c.durations().size()))
                        .plusSeconds(pick(0L, 0L, -1L, 1L)).plusMillis(pick(0L, 0L, 0L, 500L));
                if (d.isZero() || d.isNegative()) {
                    d = Duration.ofMinutes(1);
                }
            } else {
                d = Duration.ofSeconds(60 + random.nextInt(48 * 3600 - 60));
            }
            if (chance(0.3) && d.getNano() == 0 && d.toSeconds() % 60 == 0) {
                return d.toMinutes() + "m"; // the policy language's form
            }
            return d.toString();
        }

        private Instant at() {
            int kind = random.nextInt(10);
            if (kind < 4 && !c.instants().isEmpty()) {
                return c.instants().get(random.nextInt(c.instants().size()));
            } else if (kind < 6) {
                return DST_EDGES.get(random.nextInt(DST_EDGES.size()));
            }
            return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86400))
                    .plusMillis(pick(0L, 0L, 0L, 500L));
        }
    }
}
