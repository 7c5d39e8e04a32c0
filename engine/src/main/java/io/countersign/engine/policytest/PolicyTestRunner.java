package io.countersign.engine.policytest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.json.DurationValues;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.lang.parse.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every case of every {@code *.test.yaml} file under a directory against the whole policy set
 * under it. A directory with an invalid policy or test file runs no case: every error is reported
 * and the exit code is 2 (LANGUAGE.md "Test runner").
 */
public final class PolicyTestRunner {

    public static final String SUFFIX = ".test.yaml";

    private PolicyTestRunner() {
    }

    /** What a run found: errors that stopped it, or one result per case. */
    public record Report(List<String> errors, List<CaseResult> results) {
        public long passed() {
            return results.stream().filter(CaseResult::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }

        /** 0 all passed, 1 a case failed, 2 the policies or tests are invalid. */
        public int exitCode() {
            return !errors.isEmpty() ? 2 : failed() > 0 ? 1 : 0;
        }
    }

    /** Runs every case of the test files under {@code dir} against its policies. */
    public static Report run(Path dir) {
        return run(dir, Optional.empty());
    }

    /** Runs the cases whose name {@code select} finds (anywhere in the name). */
    public static Report run(Path dir, Pattern select) {
        return run(dir, Optional.of(select));
    }

    /** Runs the cases {@code select} finds, or every case when it is empty. */
    public static Report run(Path dir, Optional<Pattern> select) {
        List<String> errors = new ArrayList<>();
        PolicySet set = null;
        try {
            set = PolicySet.load(List.of(dir));
            if (set.policies().isEmpty()) {
                errors.add(dir + ": no policies to test");
            }
        } catch (PolicySetException e) {
            errors.add(e.result().render().stripTrailing());
        } catch (IOException e) {
            errors.add(e.getMessage());
        }
        Directory directory = Directory.EMPTY;
        try {
            directory = YamlDirectory.in(dir);
        } catch (IOException e) {
            errors.add(e.getMessage());
        }
        List<Path> testFiles;
        try (Stream<Path> walk = Files.walk(dir)) {
            testFiles = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            errors.add(dir + ": " + e.getMessage());
            testFiles = List.of();
        }
        List<Loaded> loaded = new ArrayList<>();
        for (Path f : testFiles) {
            load(f, errors).ifPresent(loaded::add);
        }
        if (testFiles.isEmpty() && errors.isEmpty()) {
            errors.add(dir + ": no " + SUFFIX + " files");
        }
        if (!errors.isEmpty()) {
            return new Report(List.copyOf(errors), List.of());
        }
        Authorizer authorizer = Authorizer.of(set);
        List<CaseResult> results = new ArrayList<>();
        for (Loaded l : loaded) {
            for (TestFile.Case c : l.file().cases()) {
                if (select.map(s -> s.matcher(c.name()).find()).orElse(true)) {
                    results.add(runCase(authorizer, directory, l.path().toString(), c));
                }
            }
        }
        return new Report(List.of(), List.copyOf(results));
    }

    private record Loaded(Path path, TestFile file) {
    }

    /** The file's cases, or empty after adding every error in it to {@code errors}. */
    private static java.util.Optional<Loaded> load(Path f, List<String> errors) {
        return TestFileReader.read(f, errors).map(file -> new Loaded(f, file));
    }

    static CaseResult runCase(Authorizer authorizer, Directory directory, String file, TestFile.Case c) {
        TestFile.Expect x = c.expect();
        List<CaseResult.Mismatch> out = new ArrayList<>();
        AccessRequest request;
        Evaluation e;
        try {
            request = directory.complete(Json.mapper().treeToValue(c.request(), AccessRequest.class));
            e = authorizer.decide(request);
        } catch (JsonProcessingException | InvalidRequestException | java.time.DateTimeException
                | ArithmeticException ex) {
            // A request the engine cannot take fails its case, naming the field; the other cases still run.
            String message = ex instanceof JsonProcessingException j ? Json.describe(j)
                    : ex instanceof InvalidRequestException ? ex.getMessage()
                    : "cannot be evaluated: " + ex.getMessage();
            if (x.error() == null) {
                out.add(new CaseResult.Mismatch("request", "a valid request", "rejected: " + message));
            } else if (!message.contains(x.error())) {
                out.add(new CaseResult.Mismatch("error", "a message containing \"" + x.error() + "\"", message));
            }
            return new CaseResult(file, c.name(), out.isEmpty(), out, "rejected: " + message, null);
        }
        if (x.error() != null) {
            out.add(new CaseResult.Mismatch("error", "rejected with \"" + x.error() + "\"", "accepted: " + e.outcome()));
        }
        if (x.decision() != null && !x.decision().equals(e.outcome().toString())) {
            out.add(new CaseResult.Mismatch("decision", x.decision(), e.outcome().toString()));
        }
        if (x.rules() != null) {
            List<String> missing = x.rules().stream().filter(r -> !e.rules().contains(r)).toList();
            if (!missing.isEmpty()) {
                out.add(new CaseResult.Mismatch("rules", "among the deciding rules: " + missing, e.rules().toString()));
            }
        }
        if (x.duration() != null) {
            Duration want = DurationValues.of(x.duration());
            if (want == null || !want.equals(e.duration())) {
                out.add(new CaseResult.Mismatch("duration", want == null ? x.duration() + " (not a duration)"
                        : DurationText.format(want), DurationText.format(e.duration())));
            }
        }
        if (x.grants() != null && !new TreeSet<>(x.grants()).equals(new TreeSet<>(e.permissions()))) {
            out.add(new CaseResult.Mismatch("grants", new TreeSet<>(x.grants()).toString(),
                    new TreeSet<>(e.permissions()).toString()));
        }
        if (x.stages() != null && !stagesMatch(x.stages(), e.stages())) {
            out.add(new CaseResult.Mismatch("stages", describe(x.stages()), describeActual(e.stages())));
        }
        if (x.conditions() != null) {
            JsonNode actual = Json.mapper().valueToTree(e.conditions());
            for (Map.Entry<String, JsonNode> want : x.conditions().entrySet()) {
                JsonNode got = actual.get(want.getKey());
                if (got == null || !want.getValue().equals(LENIENT, got)) {
                    out.add(new CaseResult.Mismatch("conditions." + want.getKey(), String.valueOf(want.getValue()),
                            got == null ? "not set" : got.toString()));
                }
            }
        }
        if (x.stipulations() != null) {
            List<String> missing = x.stipulations().stream().filter(s -> !e.stipulations().contains(s)).toList();
            if (!missing.isEmpty()) {
                out.add(new CaseResult.Mismatch("stipulations", "including " + missing, e.stipulations().toString()));
            }
        }
        if (x.controls() != null) {
            List<String> named = new ArrayList<>();
            authorizer.policySet().controls(e.rules()).forEach(rc -> rc.controls().stream()
                    .filter(n -> !named.contains(n)).forEach(named::add));
            List<String> missing = x.controls().stream().filter(n -> !named.contains(n)).toList();
            if (!missing.isEmpty()) {
                out.add(new CaseResult.Mismatch("controls", "including " + missing, named.toString()));
            }
        }
        if (x.risk() != null && x.risk() != e.risk().score()) {
            out.add(new CaseResult.Mismatch("risk", x.risk().toString(), Integer.toString(e.risk().score())));
        }
        if (x.rationale() != null && !e.rationale().contains(x.rationale())) {
            out.add(new CaseResult.Mismatch("rationale", "containing \"" + x.rationale() + "\"", e.rationale()));
        }
        return new CaseResult(file, c.name(), out.isEmpty(), List.copyOf(out), e.outcome() + ": " + e.rationale(),
                out.isEmpty() ? null : authorizer.explain(request));
    }

    /** Numbers compare by value; strings that are both durations compare as durations ({@code 4h} = {@code PT4H}). */
    private static final Comparator<JsonNode> LENIENT = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a instanceof NumericNode && b instanceof NumericNode) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            Duration p = DurationValues.of(a.asText());
            Duration q = DurationValues.of(b.asText());
            return p != null && p.equals(q) ? 0 : 1;
        }
        return 1;
    };

    private static boolean stagesMatch(List<TestFile.StageExpect> want, List<StageRequirement> got) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            TestFile.StageExpect w = want.get(i);
            StageRequirement g = got.get(i);
            if (w.need() != null && w.need() != g.need()) {
                return false;
            }
            if (w.from() != null && !new TreeSet<>(w.from()).equals(new TreeSet<>(g.from()))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<TestFile.StageExpect> stages) {
        List<String> parts = new ArrayList<>();
        stages.forEach(s -> parts.add((s.need() == null ? "?" : s.need()) + " of " + s.from()));
        return parts.isEmpty() ? "no stages" : String.join(", then ", parts);
    }

    private static String describeActual(List<StageRequirement> stages) {
        List<String> parts = new ArrayList<>();
        stages.forEach(s -> parts.add(s.need() + " of " + s.from()));
        return parts.isEmpty() ? "no stages" : String.join(", then ", parts);
    }
}
