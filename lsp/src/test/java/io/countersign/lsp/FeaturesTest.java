package io.countersign.lsp;

import static io.countersign.lsp.Fixture.at;
import static io.countersign.lsp.LspClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import io.countersign.lsp.workspace.Uris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formatting, hover, navigation, symbols and running test cases, each asked over JSON-RPC. */
class FeaturesTest {

    @TempDir
    Path dir;

    private static final long T = 30;

    @Test
    void formattingGivesTheCanonicalTextAndRangeFormattingOnlyItsLines() throws Exception {
        Fixture f = new Fixture(dir);
        String messy = "policy   messy {\nrule a { when profile==\"x\" then approve }\n\n\n"
                + "rule b { when profile==\"y\" then deny \"no\" }\n}\n";
        Path file = Files.writeString(f.policies.resolve("messy.policy"), messy);
        String canonical = Formatter.format(Parser.parse(new SourceFile("messy.policy", messy)).file().get(), messy);
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, messy);
            List<? extends TextEdit> edits = client.server.getTextDocumentService()
                    .formatting(new DocumentFormattingParams(id(file), new FormattingOptions(2, true)))
                    .get(T, TimeUnit.SECONDS);
            assertEquals(canonical, apply(messy, edits));

            // Only rule b's line: the policy's head and rule a stay as written.
            List<? extends TextEdit> ranged = client.server.getTextDocumentService()
                    .rangeFormatting(new DocumentRangeFormattingParams(id(file), new FormattingOptions(2, true),
                            LspClient.range(4, 0, 4, 10)))
                    .get(T, TimeUnit.SECONDS);
            String partly = apply(messy, ranged);
            assertTrue(partly.startsWith("policy   messy {\nrule a { when profile==\"x\" then approve }\n"), partly);
            assertTrue(partly.contains("  rule b {\n    when profile == \"y\"\n    then deny \"no\"\n  }\n"), partly);

            // A formatted file gets no edit; a file with an error is left alone, as policy fmt leaves it.
            client.replaceAll(file, canonical);
            assertEquals(List.of(), client.server.getTextDocumentService()
                    .formatting(new DocumentFormattingParams(id(file), new FormattingOptions(2, true)))
                    .get(T, TimeUnit.SECONDS));
            client.replaceAll(file, "policy p {\n  rule r { when then approve }\n}\n");
            assertEquals(List.of(), client.server.getTextDocumentService()
                    .formatting(new DocumentFormattingParams(id(file), new FormattingOptions(2, true)))
                    .get(T, TimeUnit.SECONDS));
        }
    }

    @Test
    void hoverExplainsAttributesWindowsRulesRiskFactorsAndCases() throws Exception {
        Fixture f = new Fixture(dir);
        String p = Fixture.PRODUCTION;
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.production);
            String attribute = hover(client, f.production, at(p, "requester.employment", 0, 12));
            assertTrue(attribute.contains("`requester.employment`"), attribute);
            assertTrue(attribute.contains("any value (open"), attribute);
            assertTrue(hover(client, f.production, at(p, "duration <= 4h", 0, 2)).contains("a duration"));

            String window = hover(client, f.production, at(p, "during business-hours", 0, 10));
            assertTrue(window.contains("**window** `production/business-hours` = `mon-fri 08:00-19:00 in \"Europe/Berlin\"`"),
                    window);
            assertTrue(window.contains("Mon, Tue, Wed, Thu, Fri from 08:00"), window);

            String rule = hover(client, f.production, at(p, "admin {", 0, 1));
            assertTrue(rule.contains("**rule** `production/admin`: require approval in 1 stage"), rule);
            assertTrue(rule.contains("from 2 of group \"sre-leads\""), rule);
            assertTrue(rule.contains("complies with `SOX-404`, `ISO27001-A.9.2`"), rule);
            String deny = hover(client, f.production, at(p, "contractors-not-admin"));
            assertTrue(deny.contains("deny: Contractors may not hold production admin"), deny);

            String risk = hover(client, f.production, at(p, "contractor    +40"));
            assertTrue(risk.contains("**risk factor** `production/contractor`: weight **+40** when "
                    + "`requester.employment == \"contractor\"`"), risk);

            String group = hover(client, f.production, at(p, "sre-leads", 0, 1));
            assertTrue(group.contains("alice, bob"), group);

            client.open(f.cases);
            String passing = hover(client, f.cases, at(Fixture.CASES, "profile: prod-readonly"));
            assertTrue(passing.contains("**Decision now: conditional** (as expected)"), passing);
            assertTrue(passing.contains("production/oncall-readonly"), passing);
            String failing = hover(client, f.cases, at(Fixture.CASES, "requester: carol"));
            assertTrue(failing.contains("**Decision now: denied** (expected: approved)"), failing);
            assertTrue(failing.contains("risk: 40 (production/contractor +40)"), failing);
            assertTrue(failing.contains("complies with: SOX-SOD-1"), failing);
            assertFalse(passing.contains("complies with"), passing);
        }
    }

    @Test
    void definitionAndReferencesFollowWindowsRulesAndPolicies() throws Exception {
        Fixture f = new Fixture(dir);
        String p = Fixture.PRODUCTION;
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.production);
            Position declaration = at(p, "business-hours =");
            Range declared = new Range(declaration, new Position(declaration.getLine(), declaration.getCharacter() + 14));
            List<? extends Location> def = client.server.getTextDocumentService()
                    .definition(new DefinitionParams(id(f.production), at(p, "during business-hours", 1, 9)))
                    .get(T, TimeUnit.SECONDS).getLeft();
            assertEquals(List.of(new Location(Uris.uri(f.production), declared)), def);

            List<? extends Location> refs = client.server.getTextDocumentService()
                    .references(new ReferenceParams(id(f.production), declaration, new ReferenceContext(true)))
                    .get(T, TimeUnit.SECONDS);
            assertEquals(3, refs.size(), refs.toString());
            assertEquals(declared, refs.get(0).getRange());

            // From a test case's rule id to the rule, and from the rule to the cases naming it.
            client.open(f.cases);
            List<? extends Location> toRule = client.server.getTextDocumentService()
                    .definition(new DefinitionParams(id(f.cases), at(Fixture.CASES, "production/oncall-readonly", 0, 14)))
                    .get(T, TimeUnit.SECONDS).getLeft();
            Position rule = at(p, "oncall-readonly {");
            assertEquals(List.of(new Location(Uris.uri(f.production),
                    new Range(rule, new Position(rule.getLine(), rule.getCharacter() + 15)))), toRule);
            List<? extends Location> toPolicy = client.server.getTextDocumentService()
                    .definition(new DefinitionParams(id(f.cases), at(Fixture.CASES, "production/oncall-readonly", 0, 3)))
                    .get(T, TimeUnit.SECONDS).getLeft();
            assertEquals(new Position(0, 7), toPolicy.get(0).getRange().getStart());

            List<? extends Location> ruleRefs = client.server.getTextDocumentService()
                    .references(new ReferenceParams(id(f.production), rule, new ReferenceContext(false)))
                    .get(T, TimeUnit.SECONDS);
            assertEquals(1, ruleRefs.size());
            assertEquals(Uris.uri(f.cases), ruleRefs.get(0).getUri());
            List<? extends Location> policyRefs = client.server.getTextDocumentService()
                    .references(new ReferenceParams(id(f.production), new Position(0, 8), new ReferenceContext(false)))
                    .get(T, TimeUnit.SECONDS);
            assertEquals(2, policyRefs.size(), policyRefs.toString());
        }
    }

    @Test
    void symbolsListPoliciesRulesWindowsAndRiskFactors() throws Exception {
        Fixture f = new Fixture(dir);
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.production);
            List<DocumentSymbol> symbols = client.server.getTextDocumentService()
                    .documentSymbol(new DocumentSymbolParams(id(f.production))).get(T, TimeUnit.SECONDS)
                    .stream().map(e -> e.getRight()).toList();
            assertEquals(1, symbols.size());
            assertEquals("production", symbols.get(0).getName());
            assertEquals(List.of("business-hours", "contractor", "out-of-hours", "oncall-readonly", "admin",
                    "contractors-not-admin"), symbols.get(0).getChildren().stream().map(DocumentSymbol::getName).toList());
            client.open(f.cases);
            List<DocumentSymbol> cases = client.server.getTextDocumentService()
                    .documentSymbol(new DocumentSymbolParams(id(f.cases))).get(T, TimeUnit.SECONDS)
                    .stream().map(e -> e.getRight()).toList();
            assertEquals(List.of("on-call engineer reads production at once", "a contractor is denied production admin"),
                    cases.stream().map(DocumentSymbol::getName).toList());
        }
    }

    @Test
    void codeLensesRunTheCasesWithTheEngineAndMarkTheFailingOne() throws Exception {
        Fixture f = new Fixture(dir);
        try (LspClient client = LspClient.start(dir)) {
            client.open(f.cases);
            List<? extends CodeLens> lenses = client.server.getTextDocumentService()
                    .codeLens(new CodeLensParams(id(f.cases))).get(T, TimeUnit.SECONDS);
            assertEquals(List.of("Run 2 cases", "Run case", "Run case"),
                    lenses.stream().map(l -> l.getCommand().getTitle()).toList());
            client.open(f.production);
            List<? extends CodeLens> beside = client.server.getTextDocumentService()
                    .codeLens(new CodeLensParams(id(f.production))).get(T, TimeUnit.SECONDS);
            assertEquals("Run the 2 cases of production.test.yaml", beside.get(0).getCommand().getTitle());

            CodeLens all = lenses.get(0);
            Object result = client.server.getWorkspaceService()
                    .executeCommand(new ExecuteCommandParams(all.getCommand().getCommand(), all.getCommand().getArguments()))
                    .get(60, TimeUnit.SECONDS);
            assertNotNull(result);
            assertTrue(result.toString().contains("passed=1.0") || result.toString().contains("\"passed\":1"),
                    result.toString());
            assertTrue(client.messages.stream().anyMatch(m -> m.getMessage().equals("production.test.yaml: 1 passed, 1 failed")),
                    client.messages.toString());
            var failing = client.diagnostics(f.cases, l -> !l.isEmpty()).get(0);
            assertEquals(at(Fixture.CASES, "a contractor is denied").getLine(), failing.getRange().getStart().getLine());
            assertTrue(failing.getMessage().getLeft().contains("decision: expected approved, got denied"),
                    failing.getMessage().getLeft());

            // One case by name.
            client.server.getWorkspaceService().executeCommand(new ExecuteCommandParams("countersign.runCases",
                    List.of(new JsonPrimitive(Uris.uri(f.cases)),
                            new JsonPrimitive("on-call engineer reads production at once"))))
                    .get(60, TimeUnit.SECONDS);
            assertTrue(client.messages.stream().anyMatch(m -> m.getMessage().equals("production.test.yaml: 1 passed, 0 failed")),
                    client.messages.toString());
        }
    }

    static String hover(LspClient client, Path file, Position at) throws Exception {
        Hover h = client.server.getTextDocumentService().hover(new HoverParams(id(file), at)).get(T, TimeUnit.SECONDS);
        assertNotNull(h, "a hover at " + at);
        return h.getContents().getRight().getValue();
    }

    /** Applies edits as an editor does: from the last to the first, so earlier ranges stay valid. */
    static String apply(String text, List<? extends TextEdit> edits) {
        io.countersign.lsp.text.LineIndex lines = new io.countersign.lsp.text.LineIndex(text);
        StringBuilder out = new StringBuilder(text);
        edits.stream().sorted(Comparator.comparingInt((TextEdit e) -> lines.offset(e.getRange().getStart())).reversed())
                .forEach(e -> out.replace(lines.offset(e.getRange().getStart()), lines.offset(e.getRange().getEnd()),
                        e.getNewText()));
        return out.toString();
    }

    static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    static List<CompletionItem> complete(LspClient client, Path file, Position at) throws Exception {
        return client.server.getTextDocumentService().completion(new CompletionParams(id(file), at))
                .get(T, TimeUnit.SECONDS).getLeft();
    }

    static Map<String, Object> unused() {
        return Map.of();
    }
}
