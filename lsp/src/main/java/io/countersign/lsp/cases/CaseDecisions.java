package io.countersign.lsp.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policytest.TestFile;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.lsp.text.Markdown;
import io.countersign.lsp.workspace.Analysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decision a test case gets from the policy set as it is in the editor now, in Markdown: decided
 * by the production procedure without a knowledge base ({@code Authorizer.scanning}: nothing to
 * build), the request completed from {@code directory.yaml} as {@code policy test} completes it.
 */
public final class CaseDecisions {

    private CaseDecisions() {
    }

    public static String describe(Analysis a, CaseFile file, int index) {
        Optional<TestFile> parsed = file.parsed();
        if (parsed.isEmpty() || parsed.get().cases() == null || index >= parsed.get().cases().size()) {
            return "The file does not read as test cases: " + file.problem().map(CaseFile.Problem::message)
                    .orElse("no cases");
        }
        TestFile.Case c = parsed.get().cases().get(index);
        Optional<PolicySet> set = a.policySet();
        if (set.isEmpty()) {
            return "No decision: the policy set has errors (or no policies). Fix them to see what this case gets.";
        }
        if (c == null || c.request() == null || c.request().isNull()) {
            return "No decision: the case has no request.";
        }
        String expected = c.expect() == null ? null : c.expect().decision();
        StringBuilder out = new StringBuilder();
        try {
            AccessRequest request = directory(a.root()).complete(Json.mapper().treeToValue(c.request(),
                    AccessRequest.class));
            Evaluation e = Authorizer.scanning(set.get()).decide(request);
            String now = e.outcome().toString();
            out.append("**Decision now: ").append(now).append("**");
            if (expected != null) {
                out.append(expected.equals(now) ? " (as expected)" : " (expected: " + Markdown.escape(expected) + ")");
            }
            out.append("\n\n");
            out.append("- rules: ").append(e.rules().isEmpty() ? "none"
                    : e.rules().stream().map(Markdown::code).collect(Collectors.joining(", "))).append('\n');
            line(out, "risk", e.risk().score() + (e.risk().factors().isEmpty() ? "" : " (" + e.risk().factors().stream()
                    .map(f -> f.id() + " " + (f.weight() >= 0 ? "+" : "") + f.weight())
                    .collect(Collectors.joining(", ")) + ")"));
            if (e.outcome().grants()) {
                line(out, "granted", duration(e.duration()) + (e.permissions().isEmpty() ? "" : ", " + e.permissions()));
            }
            int n = 1;
            for (StageRequirement s : e.stages()) {
                line(out, "stage " + n++, s.need() + " of " + String.join(", ", s.from()));
            }
            if (!e.stipulations().isEmpty()) {
                line(out, "stipulations", String.join("; ", e.stipulations()));
            }
            List<String> controls = set.get().controls(e.rules()).stream().flatMap(r -> r.controls().stream())
                    .distinct().toList();
            if (!controls.isEmpty()) {
                line(out, "complies with", String.join(", ", controls));
            }
            if (!e.undetermined().isEmpty()) {
                line(out, "undetermined", e.undetermined().stream().map(u -> u.rule() + " (needs " + u.missing() + ")")
                        .collect(Collectors.joining(", ")));
            }
            if (e.rationale() != null && !e.rationale().isBlank()) {
                line(out, "rationale", e.rationale());
            }
        } catch (JsonProcessingException | InvalidRequestException ex) {
            String message = ex instanceof JsonProcessingException j ? Json.describe(j) : ex.getMessage();
            out.append("**Rejected:** ").append(Markdown.escape(message));
            String error = c.expect() == null ? null : c.expect().error();
            if (error != null) {
                out.append(message.contains(error) ? " (as expected)" : " (expected an error with: " + Markdown.escape(error) + ")");
            }
        }
        return out.toString();
    }

    /** {@code 1h30m}, as policies write durations. */
    static String duration(java.time.Duration d) {
        if (d == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || out.length() == 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("- ").append(label).append(": ").append(Markdown.escape(value)).append('\n');
    }

    private static Directory directory(Path root) {
        Path dir = Files.isDirectory(root) ? root : root.getParent();
        try {
            return dir == null ? Directory.EMPTY : YamlDirectory.in(dir);
        } catch (IOException e) {
            return Directory.EMPTY;
        }
    }
}
