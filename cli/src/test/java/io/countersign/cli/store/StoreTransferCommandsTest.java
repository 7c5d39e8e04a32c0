package io.countersign.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store export} and {@code store import} in-process: a home's requests moved into another home's
 * store, verified there by {@code audit verify}, imported again without change; bad exports refused by
 * line before anything is written.
 */
class StoreTransferCommandsTest {

    @TempDir
    Path dir;
    Workspace from;
    /** Another home with the same policies: the store imported into. */
    Workspace to;
    String approved;
    String pending;

    @BeforeEach
    void aHomeWithTwoRequests() throws Exception {
        from = Workspace.in(dir);
        to = new Workspace(dir.resolve("other-home"), from.policies());
        approved = from.request("alice");
        pending = from.request(null);
    }

    private static void ok(Run run) {
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    @Test
    void anExportImportedIntoAnotherStoreVerifiesThereAndAgainChangesNothing() throws Exception {
        Path file = dir.resolve("export.jsonl");
        Run exported = from.run(Map.of(), "store", "export", "--file", file.toString());
        ok(exported);
        assertEquals("exported 2 requests, 1 decision, 5 events to " + file + "\n", exported.out());
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("{\"kind\":\"export\",\"format\":\"countersign-store\",\"version\":2,"),
                lines.get(0));
        assertEquals("{\"kind\":\"end\",\"requests\":2,\"decisions\":1,\"events\":5}", lines.get(lines.size() - 1));
        assertEquals(List.of(), Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".part")).toList(),
                "nothing left beside the file");

        Run imported = to.run(Map.of(), "store", "import", file.toString());
        ok(imported);
        assertEquals("imported 2 requests, 1 decision, 5 events: 2 written, 0 here already\n"
                + "verified: every request reads back as exported, every chain intact\n", imported.out());
        Run audit = to.decide(Map.of(), "audit", "verify");
        ok(audit);
        assertEquals("2 requests checked: all chains and signatures intact\n", audit.out());
        // The same record, sealed again by the store it now lives in (each store seals with its own key).
        assertEquals(unsealed(from.run(Map.of(), "show", approved, "--output", "json").out()),
                unsealed(to.run(Map.of(), "show", approved, "--output", "json").out()));
        assertNotEquals(from.run(Map.of(), "show", approved, "--output", "json").out(),
                to.run(Map.of(), "show", approved, "--output", "json").out(), "the target's seals are its own");

        Run again = to.run(Map.of(), "store", "import", file.toString(), "--output", "json");
        ok(again);
        assertEquals("{\"broken\":[],\"decisions\":1,\"differing\":[],\"events\":5,\"requests\":2,\"unchanged\":2,"
                + "\"verified\":true,\"written\":0}\n", again.out());

        // The imported pending request goes on in its new store (bob brought his signing key along).
        Files.createDirectories(to.home().resolve("keys"));
        Files.copy(from.home().resolve("keys/bob.key"), to.home().resolve("keys/bob.key"));
        ok(to.decide(Map.of(), "approve", pending, "--as", "bob", "--rationale", "Imported, then approved"));

        // An export through standard output, imported from standard input: the other way, into the first home.
        Run piped = to.run(Map.of(), "store", "export");
        ok(piped);
        assertEquals("exported 2 requests, 2 decisions, 8 events\n", piped.err());
        String text = piped.out();
        Run conflict = withStdin(text, () -> from.run(Map.of(), "store", "import", "-"));
        assertEquals(2, conflict.exit(), conflict.out() + conflict.err());
        assertTrue(conflict.err().startsWith("countersign: import stopped: request " + pending
                + " exists in this store with a different history"), conflict.err());
    }

    @Test
    void aBadExportIsRefusedByLineBeforeAnythingIsWritten() throws Exception {
        Path file = dir.resolve("export.jsonl");
        ok(from.run(Map.of(), "store", "export", "--file", file.toString()));
        List<String> lines = Files.readAllLines(file);

        Path broken = dir.resolve("broken.jsonl");
        List<String> bad = new java.util.ArrayList<>(lines);
        bad.set(3, bad.get(3).substring(0, 20));
        Files.write(broken, bad);
        Run notJson = to.run(Map.of(), "store", "import", broken.toString());
        assertEquals(2, notJson.exit(), notJson.err());
        assertTrue(notJson.err().startsWith("countersign: " + broken + ": line 4: not JSON at column 21: "), notJson.err());
        assertEquals("", notJson.out());

        Files.write(broken, lines.subList(0, lines.size() - 2));
        Run cut = to.run(Map.of(), "store", "import", broken.toString());
        assertEquals(2, cut.exit(), cut.err());
        assertTrue(cut.err().startsWith("countersign: " + broken + ": line " + (lines.size() - 1) + ": the export ends"
                + " without its end line: it was cut short (after 1 request, "), cut.err());

        Run fromStdin = withStdin("{\"kind\":\"request\"}\n", () -> to.run(Map.of(), "store", "import", "-"));
        assertEquals(2, fromStdin.exit(), fromStdin.err());
        assertEquals("countersign: standard input: line 1: not a countersign store export: the first line must be"
                + " {\"kind\":\"export\",\"format\":\"countersign-store\",...}\n", fromStdin.err());

        Run missing = to.run(Map.of(), "store", "import", dir.resolve("nothing.jsonl").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().endsWith("nothing.jsonl: no such file\n"), missing.err());

        // Nothing was written by any of them.
        Run audit = to.decide(Map.of(), "audit", "verify");
        ok(audit);
        assertEquals("0 requests checked: all chains and signatures intact\n", audit.out());
    }

    private static Run withStdin(String text, java.util.function.Supplier<Run> command) {
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(was);
        }
    }

    private static String unsealed(String json) {
        return json.replaceAll(",\"seal\":\"[^\"]*\"", "");
    }
}
