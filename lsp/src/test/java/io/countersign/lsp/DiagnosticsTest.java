package io.countersign.lsp;

import static io.countersign.lsp.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics as you type, over JSON-RPC: exact ranges, fixes clearing them, and names across files. */
class DiagnosticsTest {

    @TempDir
    Path dir;

    @Test
    void anErrorArrivesWithItsExactRangeInUtf16AndAFixClearsIt() throws Exception {
        Fixture f = new Fixture(dir);
        // The emoji is one code point and two UTF-16 units: the range after it must count units.
        String text = "policy p {\n  rule r {\n    when profile == \"\uD83D\uDE00\" and user.name == \"x\"\n"
                + "    then approve\n  }\n}\n";
        Path file = Files.writeString(f.policies.resolve("p.policy"), text);
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, text);
            List<Diagnostic> ds = client.diagnostics(file, l -> !l.isEmpty());
            assertEquals(1, ds.size(), ds.toString());
            Diagnostic d = ds.get(0);
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertTrue(d.getMessage().getLeft().startsWith("unknown attribute 'user'"), d.getMessage().getLeft());
            Position start = at(text, "user.name");
            assertEquals(new Range(start, new Position(start.getLine(), start.getCharacter() + "user.name".length())),
                    d.getRange());
            assertEquals("countersign", d.getSource());

            // The author types the fix: "user.name" becomes "requester.name", one incremental change.
            client.edit(file, new Range(start, new Position(start.getLine(), start.getCharacter() + 4)), "requester");
            assertEquals(List.of(), client.diagnostics(file, List::isEmpty));
        }
    }

    @Test
    void aSyntaxErrorPointsAtTheTokenAndKeepsOtherFilesChecked() throws Exception {
        Fixture f = new Fixture(dir);
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.production);
            // Every file of the set is checked, open or not: the unopened team.policy gets its (empty) list.
            client.diagnostics(f.team, List::isEmpty);
            assertEquals(List.of(), client.diagnostics(f.production, List::isEmpty));
            Position then = at(Fixture.PRODUCTION, "then approve");
            client.edit(f.production, new Range(then, new Position(then.getLine(), then.getCharacter() + 4)), "thn");
            Diagnostic d = client.diagnostics(f.production, l -> !l.isEmpty()).get(0);
            assertEquals(new Range(then, new Position(then.getLine(), then.getCharacter() + 3)), d.getRange());
            assertTrue(d.getMessage().getLeft().contains("'thn'"), d.getMessage().getLeft());
        }
    }

    @Test
    void namesAreCheckedAcrossTheFilesOfTheSet() throws Exception {
        Fixture f = new Fixture(dir);
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.team);
            client.diagnostics(f.production, List::isEmpty);
            // Renaming team to production declares the policy twice in the set: the error names the other file.
            Position name = at(Fixture.TEAM, "team {");
            client.edit(f.team, new Range(name, new Position(name.getLine(), name.getCharacter() + 4)), "production");
            Diagnostic d = client.diagnostics(f.team, l -> !l.isEmpty()).get(0);
            assertTrue(d.getMessage().getLeft().startsWith("duplicate policy 'production': already declared at "
                    + "policies/production.policy:1:8"), d.getMessage().getLeft());
            assertEquals(name, d.getRange().getStart());
        }
    }

    @Test
    void testFilesReportYamlErrorsAndUnknownRuleIds() throws Exception {
        Fixture f = new Fixture(dir);
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.cases);
            assertEquals(List.of(), client.diagnostics(f.cases, List::isEmpty));
            Position id = at(Fixture.CASES, "production/oncall-readonly");
            client.edit(f.cases, new Range(new Position(id.getLine(), id.getCharacter() + 11),
                    new Position(id.getLine(), id.getCharacter() + 17)), "nobody");
            Diagnostic d = client.diagnostics(f.cases, l -> !l.isEmpty()).get(0);
            assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
            assertEquals("no rule 'production/nobody-readonly' in the policy set", d.getMessage().getLeft());
            assertEquals(new Range(id, new Position(id.getLine(), id.getCharacter() + "production/nobody-readonly".length())), d.getRange());

            client.replaceAll(f.cases, "cases:\n  - name: [unclosed\n");
            d = client.diagnostics(f.cases, l -> !l.isEmpty() && l.get(0).getSeverity() == DiagnosticSeverity.Error)
                    .get(0);
            assertTrue(d.getRange().getStart().getLine() >= 1, d.toString());
        }
    }
}
