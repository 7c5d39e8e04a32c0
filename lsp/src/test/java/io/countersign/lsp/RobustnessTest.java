package io.countersign.lsp;

import static io.countersign.lsp.FeaturesTest.complete;
import static io.countersign.lsp.LspClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, half-typed text and a file of 100,000 lines: the server answers and never stops answering. */
class RobustnessTest {

    @TempDir
    Path dir;

    @Test
    void garbageGetsDiagnosticsAndEveryRequestAnswers() throws Exception {
        Fixture f = new Fixture(dir);
        Random random = new Random(19);
        Path file = Files.writeString(f.policies.resolve("garbage.policy"), "");
        Path cases = Files.writeString(f.policies.resolve("garbage.test.yaml"), "");
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, "");
            client.open(cases, "");
            for (int round = 0; round < 12; round++) {
                String text = garbage(random, 200 + random.nextInt(3_000));
                client.replaceAll(file, text);
                client.replaceAll(cases, text);
                String[] lines = text.split("\n", -1);
                int line = random.nextInt(lines.length);
                Position at = new Position(line, random.nextInt(lines[line].length() + 1));
                client.server.getTextDocumentService().hover(new HoverParams(id(file), at)).get(30, TimeUnit.SECONDS);
                complete(client, file, at);
                complete(client, cases, at);
                client.server.getTextDocumentService().hover(new HoverParams(id(cases), at)).get(30, TimeUnit.SECONDS);
                client.server.getTextDocumentService()
                        .formatting(new DocumentFormattingParams(id(file), new FormattingOptions(2, true)))
                        .get(30, TimeUnit.SECONDS);
                client.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id(file)))
                        .get(30, TimeUnit.SECONDS);
            }
            // Unbalanced nesting deeper than the parser goes, and lone surrogates.
            client.replaceAll(file, "policy p { rule r { when " + "(".repeat(5_000) + " \uD800 then approve } }");
            List<Diagnostic> ds = client.diagnostics(file, l -> l.stream().anyMatch(d -> d.getMessage().getLeft()
                    .contains("nest too deeply")));
            assertTrue(ds.size() >= 1);
            client.replaceAll(file, Fixture.TEAM.replace("team", "garbage"));
            assertEquals(List.of(), client.diagnostics(file, List::isEmpty));
        }
    }

    @Test
    void halfTypedTextIsCheckedAsItGrowsAndEndsClean() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = Files.writeString(f.policies.resolve("typed.policy"), "");
        String target = Fixture.PRODUCTION.replace("production", "typed");
        try (LspClient client = LspClient.start(dir)) {
            client.open(file, "");
            int line = 0;
            int column = 0;
            for (int i = 0; i < target.length(); i += 3) {
                String chunk = target.substring(i, Math.min(target.length(), i + 3));
                client.edit(file, new Range(new Position(line, column), new Position(line, column)), chunk);
                for (char c : chunk.toCharArray()) {
                    if (c == '\n') {
                        line++;
                        column = 0;
                    } else {
                        column++;
                    }
                }
                if (i % 30 == 0) {
                    assertNotNull(complete(client, file, new Position(line, column)));
                }
            }
            assertEquals(List.of(), client.diagnostics(file, List::isEmpty));
        }
    }

    @Test
    void aFileOfOneHundredThousandLinesIsCheckedAndEditedWithoutStallingTheServer() throws Exception {
        Fixture f = new Fixture(dir);
        StringBuilder big = new StringBuilder("policy big {\n  window bh = mon-fri 08:00-19:00 in \"Europe/Berlin\"\n");
        int rules = 0;
        while (big.length() < 1_700_000) {
            big.append("\n  rule r").append(rules).append(" {\n    when profile == \"p").append(rules)
                    .append("\"\n     and duration <= 4h\n     and now during bh\n    then approve\n  }\n");
            rules++;
        }
        big.append("}\n");
        String text = big.toString();
        long lines = text.lines().count();
        assertTrue(lines >= 100_000, "lines: " + lines);
        Path file = Files.writeString(f.policies.resolve("big.policy"), text);
        try (LspClient client = LspClient.start(dir)) {
            long start = System.nanoTime();
            client.open(file, text);
            client.diagnostics(file, List::isEmpty, Duration.ofSeconds(60));
            long first = System.nanoTime() - start;

            // A burst of keystrokes in the last rule: only the last state counts, and it arrives.
            int last = (int) lines - 3;
            String lastLine = text.lines().skip(last).findFirst().get();
            assertEquals("    then approve", lastLine);
            for (int i = 0; i < 20; i++) {
                client.edit(file, new Range(new Position(last, 9), new Position(last, 9)), "x");
            }
            List<Diagnostic> ds = client.diagnostics(file, l -> !l.isEmpty(), Duration.ofSeconds(60));
            assertEquals(last, ds.get(0).getRange().getStart().getLine(), ds.toString());

            // Requests keep being answered meanwhile, and quickly where they need no new analysis.
            long t = System.nanoTime();
            assertNotNull(complete(client, file, new Position(last, 9)));
            assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(10), "completion took too long");
            System.out.printf("100,000 lines: first diagnostics after %d ms, completion %d ms%n", first / 1_000_000,
                    (System.nanoTime() - t) / 1_000_000);

            // Undone, the file is clean again, and hover in its middle finds the attribute.
            client.edit(file, new Range(new Position(last, 9), new Position(last, 29)), "");
            client.diagnostics(file, List::isEmpty, Duration.ofSeconds(60));
            int middle = 50_000;
            while (!text.lines().skip(middle).findFirst().get().startsWith("    when profile")) {
                middle++;
            }
            assertTrue(FeaturesTest.hover(client, file, new Position(middle, 10)).contains("`profile`"));
        }
    }

    private static String garbage(Random random, int length) {
        String alphabet = "policy rule when then approve deny require from of group user \"{}()[]=<>!.,+-#\n\t 0123456789:"
                + "abcxyz\u00e9\u4e2d\uD83D\uDE00\r";
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            if (random.nextInt(4) == 0) {
                int word = random.nextInt(alphabet.length() - 8);
                out.append(alphabet, word, word + 1 + random.nextInt(7));
            } else {
                out.appendCodePoint(random.nextInt(10) == 0 ? random.nextInt(0x2FFF) : 32 + random.nextInt(95));
            }
        }
        return out.toString();
    }
}
