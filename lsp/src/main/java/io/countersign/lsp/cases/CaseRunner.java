package io.countersign.lsp.cases;

import io.countersign.engine.policytest.CaseResult;
import io.countersign.engine.policytest.PolicyTestRunner;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.ParsedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a test file's cases exactly as {@code countersign policy test} does, with the engine's runner,
 * on the texts in the editor: the set's policy files, its {@code directory.yaml} and the test file are
 * written to a temporary folder, run there, and the folder removed.
 */
public final class CaseRunner {

    /** What a run found: errors that stopped it, or one result per case; paths as in the workspace. */
    public record Outcome(List<String> errors, List<CaseResult> results) {
        public long passed() {
            return results.stream().filter(CaseResult::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }

        public String summary() {
            return errors.isEmpty() ? passed() + " passed, " + failed() + " failed"
                    : "the cases did not run: " + errors.get(0).lines().findFirst().orElse("");
        }

        /** The reply to the command: plain values the protocol's JSON carries as they are. */
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("passed", passed());
            out.put("failed", failed());
            out.put("errors", errors);
            List<Map<String, Object>> cases = new ArrayList<>();
            for (CaseResult r : results) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", r.name());
                c.put("passed", r.passed());
                c.put("decision", r.decision());
                c.put("mismatches", r.mismatches().stream().map(CaseRunner::mismatch).toList());
                cases.add(c);
            }
            out.put("results", cases);
            return out;
        }
    }

    private CaseRunner() {
    }

    public static String mismatch(CaseResult.Mismatch m) {
        return m.field() + ": expected " + m.expected() + ", got " + m.actual();
    }

    public static Outcome run(Analysis a, Path testFile, String testText, Optional<String> caseName) throws IOException {
        Path root = Files.isDirectory(a.root()) ? a.root() : a.root().getParent();
        Path tmp = Files.createTempDirectory("countersign-lsp-");
        try {
            for (ParsedFile f : a.policies().values()) {
                write(tmp, root, f.path(), f.text());
            }
            Path directory = root.resolve("directory.yaml");
            if (Files.isRegularFile(directory)) {
                Files.copy(directory, tmp.resolve("directory.yaml"));
            }
            write(tmp, root, testFile, testText);
            Optional<Pattern> select = caseName.map(n -> Pattern.compile("^" + Pattern.quote(n) + "$"));
            PolicyTestRunner.Report report = PolicyTestRunner.run(tmp, select);
            String prefix = tmp.toString();
            List<String> errors = report.errors().stream().map(e -> e.replace(prefix, root.toString())).toList();
            return new Outcome(errors, report.results());
        } finally {
            delete(tmp);
        }
    }

    private static void write(Path tmp, Path root, Path file, String text) throws IOException {
        Path relative = file.startsWith(root) ? root.relativize(file) : file.getFileName();
        Path target = tmp.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
