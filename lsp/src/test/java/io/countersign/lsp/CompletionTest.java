package io.countersign.lsp;

import static io.countersign.lsp.FeaturesTest.complete;
import static io.countersign.lsp.FeaturesTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion over JSON-RPC, in half-typed text: what the grammar allows, names from the set and the directory. */
class CompletionTest {

    @TempDir
    Path dir;

    /** The items offered at the end of {@code text}, typed into a new file of the fixture's set. */
    private List<CompletionItem> at(LspClient client, Path file, String text) throws Exception {
        client.replaceAll(file, text);
        String[] lines = text.split("\n", -1);
        return complete(client, file, new Position(lines.length - 1, lines[lines.length - 1].length()));
    }

    @Test
    void offersWhatTheGrammarAllowsAndTheNamesThatFit() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = Files.writeString(f.policies.resolve("new.policy"), "");
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, "");
            assertEquals(List.of("policy"), labels(at(client, file, "")));

            List<String> items = labels(at(client, file, "policy new {\n  "));
            assertTrue(items.containsAll(List.of("description", "scope", "default", "window", "risk", "rule", "allow")),
                    items.toString());
            assertFalse(items.contains("approve"), items.toString());

            items = labels(at(client, file, "policy new {\n  rule r {\n    when profile == \"x\"\n    then "));
            assertEquals(List.of("approve", "deny", "require"), items);

            // A rule's header: its controls may come before the condition, and not after it.
            items = labels(at(client, file, "policy new {\n  rule r {\n    description \"d\"\n    "));
            assertTrue(items.containsAll(List.of("complies", "when", "then")), items.toString());
            items = labels(at(client, file, "policy new {\n  rule r {\n    complies \"SOX-404\" "));
            assertTrue(items.containsAll(List.of("complies", "when", "then")), items.toString());
            assertFalse(items.contains("description"), items.toString());
            items = labels(at(client, file, "policy new {\n  rule r {\n    when profile == \"x\"\n    "));
            assertFalse(items.contains("complies"), items.toString());

            items = labels(at(client, file, "policy new {\n  rule r {\n    when "));
            assertTrue(items.containsAll(List.of("requester", "groups", "profile", "context", "risk", "not", "has",
                    "now", "true")), items.toString());
            assertFalse(items.contains("then"), items.toString());

            items = labels(at(client, file, "policy new {\n  rule r {\n    when profile == \"x\" "));
            assertTrue(items.containsAll(List.of("and", "or", "then")), items.toString());

            items = labels(at(client, file, "policy new {\n  window night = daily 22:00-06:00\n  rule r {\n"
                    + "    when now during "));
            assertTrue(items.contains("night"), items.toString());

            items = labels(at(client, file, "policy new {\n  rule r {\n    when requester."));
            assertEquals(List.of("employment", "manager", "office"), items);

            List<CompletionItem> groups = at(client, file, "policy new {\n  rule r {\n    when requester in group \"s");
            assertTrue(labels(groups).containsAll(List.of("contractors", "oncall", "sre-leads")), labels(groups).toString());
            CompletionItem sre = groups.stream().filter(i -> i.getLabel().equals("sre-leads")).findFirst().get();
            assertEquals("\"sre-leads\"", sre.getTextEdit().getLeft().getNewText());
            assertEquals(new Range(new Position(2, 28), new Position(2, 30)), sre.getTextEdit().getLeft().getRange());

            items = labels(at(client, file, "policy new {\n  rule r {\n    when true\n    then require approval from 1 of user "));
            assertEquals(List.of("alice", "bob", "carol"), items);

            List<CompletionItem> partial = at(client, file, "policy new {\n  rule r {\n    when true\n    then appr");
            CompletionItem approve = partial.stream().filter(i -> i.getLabel().equals("approve")).findFirst().get();
            assertEquals(new Range(new Position(3, 9), new Position(3, 13)), approve.getTextEdit().getLeft().getRange());

            assertEquals(List.of(), at(client, file, "policy new {\n  # a comment then "));
        }
    }

    @Test
    void inTestFilesOffersUsersGroupsAndRuleIds() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = Files.writeString(f.policies.resolve("new.test.yaml"), "");
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, "");
            assertEquals(List.of("alice", "bob", "carol"),
                    labels(at(client, file, "cases:\n  - name: x\n    request:\n      requester: ")));
            List<String> rules = labels(at(client, file, "cases:\n  - name: x\n    expect:\n      rules: [production/"));
            assertTrue(rules.containsAll(List.of("production/admin", "production/default", "team/oncall")),
                    rules.toString());
        }
    }
}
