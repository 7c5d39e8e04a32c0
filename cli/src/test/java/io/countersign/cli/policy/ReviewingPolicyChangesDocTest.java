package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reviewing-policy-changes.md's worked example, done again: the documented first draft applied
 * to {@code policies/}, linted; the documented fix applied, linted and diffed against
 * {@code policies/}. What the commands print must be what the page shows (the solver's own example
 * values, which a new Z3 may pick otherwise, only in form).
 */
class ReviewingPolicyChangesDocTest {

    static final Path DOC = Path.of("../docs/reviewing-policy-changes.md");
    static final String FIX = "     and not now during mon-fri 09:00-17:00 in \"Europe/Berlin\"\n";

    @TempDir
    Path dir;

    @Test
    void theWorkedExampleIsWhatTheCommandsPrint() throws Exception {
        String doc = Files.readString(DOC);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        Path draft = copyOfPolicies("draft");
        String production = Files.readString(draft.resolve("production.policy"));
        int start = production.indexOf("  rule engineer-readonly {");
        int end = production.indexOf("  }\n", start) + 4;
        Files.writeString(draft.resolve("production.policy"),
                production.substring(0, start) + blocks.get(0) + production.substring(end));

        Run lint = Run.of("policy", "lint", draft.toString());
        assertEquals(0, lint.exit(), lint.err());
        List<String> documented = output(blocks.get(1), "$ countersign policy lint policies/");
        List<String> printed = lines(lint.out().replace(draft + "/", "policies/"));
        assertEquals(documented.get(0), printed.get(0));
        assertEquals(documented.get(2), printed.get(2));
        assertTrue(printed.get(1).startsWith("    e.g. {\"at\":\"") && printed.get(1).contains("\"groups\":[\"engineering\"]")
                && printed.get(1).contains("\"profile\":\"prod-readonly\""), printed.get(1));
        assertTrue(doc.contains("lint is then clean\n(`5 files, 27 rules: 0 errors, 0 warnings, 0 notes`)"));

        Path fixed = copyOfPolicies("fixed");
        String withDraft = Files.readString(draft.resolve("production.policy"));
        String anchor = "     and requester not in group \"oncall\"\n    then require approval\n";
        assertTrue(withDraft.contains(anchor));
        Files.writeString(fixed.resolve("production.policy"), withDraft.replace(anchor,
                "     and requester not in group \"oncall\"\n" + FIX + "    then require approval\n"));
        assertEquals("5 files, 27 rules: 0 errors, 0 warnings, 0 notes\n", Run.of("policy", "lint", fixed.toString()).out());
        assertTrue(doc.contains("`" + FIX.strip() + "`"), "the page names the fix");

        Run diff = Run.of("policy", "diff", "../policies", fixed.toString());
        assertEquals(0, diff.exit(), diff.err());
        documented = output(blocks.get(2), "$ countersign policy diff --base main policies/");
        printed = lines(diff.out());
        assertEquals(documented.get(0).replace("policies at main to policies", "../policies to " + fixed), printed.get(0));
        assertEquals(documented.size(), printed.size(), diff.out());
        for (int i = 1; i < documented.size(); i++) {
            if (documented.get(i).startsWith("    e.g. ")) {
                // the solver's model, simplified: its form, and the example the page explains
                assertTrue(printed.get(i).startsWith("    e.g. {requester alex in engineering, profile prod-readonly, "),
                        printed.get(i));
            } else {
                assertEquals(documented.get(i), printed.get(i));
            }
        }
    }

    private Path copyOfPolicies(String name) throws Exception {
        Path to = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(Path.of("../policies"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".policy") || p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        return to;
    }

    /** The lines a documented block shows after its command line. */
    private static List<String> output(String block, String command) {
        List<String> all = lines(block);
        assertEquals(command, all.get(0));
        return all.subList(1, all.size());
    }

    private static List<String> lines(String s) {
        return List.of((s.endsWith("\n") ? s.substring(0, s.length() - 1) : s).split("\n", -1));
    }
}
