package io.countersign.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import io.countersign.engine.report.GeneratedHistory;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign report} on a home holding a generated history of 400 requests (its first one
 * with a hostile profile and justification): each output format, the period options, bad input.
 */
class ReportCommandTest {

    static final Instant UNTIL = Instant.parse("2026-11-30T00:00:00Z");
    static final String HOSTILE = "=1+1 <img src=x onerror=alert(1)> \"q\" 'a' & <script>alert(2)</script>";

    @TempDir
    static Path home;

    @BeforeAll
    static void history() {
        try (SqliteStore store = SqliteStore.in(home)) {
            GeneratedHistory.of(400, UNTIL).withFirst(HOSTILE, "</pre><script>alert(3)</script>").write(store);
        }
    }

    static Run report(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("report", "--until", UNTIL.toString(), "--home=" + home));
        all.addAll(List.of(args));
        return Run.in(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void text() {
        Run r = report();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("400 requests created before 2026-11-30T00:00:00Z (4 days)\n"), r.out());
        assertTrue(r.out().contains("1. prod-readonly was approved by a person 119 of 119 times in 4 days for members"
                + " of oncall with risk < 30 — consider an instant rule\n"), r.out());
        assertTrue(r.out().contains("       rule instant-prod-readonly-oncall {\n"), r.out());
        assertTrue(r.out().contains("2. requests to prod-admin expire unanswered 40% of the time (40 of 100 in 4 days)"),
                r.out());
        // a long name is cut to keep the table readable; what is shown is escaped by the terminal's net
        assertTrue(r.out().contains("\n  =1+1 <img src=x onerror=alert(1)> \"q\" '…      1 "), r.out());
        assertTrue(r.out().contains("  oliver: 145 approved, 20 denied, median response 10m\n"), r.out());
        Matcher admin = Pattern.compile("\\n  prod-admin +115 +0 0\\.0% +40 34\\.8% +0 0\\.0% +20 17\\.4% +40 34\\.8%"
                + " +15 13\\.0% +0 0\\.0% +2h +3h +0 +0\\n").matcher(r.out());
        assertTrue(admin.find(), r.out());
    }

    @Test
    void json() throws Exception {
        Run r = report("--output", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(400, j.at("/total/requests").asInt());
        assertEquals(40, j.at("/profiles/prod-admin/expired").asInt());
        assertEquals("PT2H", j.at("/profiles/prod-admin/decisionP50").asText());
        assertEquals("instant-rule", j.at("/suggestions/0/kind").asText());
        assertEquals("oncall", j.at("/suggestions/0/group").asText());
        assertTrue(j.at("/suggestions/0/rule").asText().contains("then approve"), r.out());
        assertEquals("unanswered", j.at("/suggestions/1/kind").asText());
        assertEquals(40, j.at("/suggestions/1/expired").asInt());
        assertEquals(HOSTILE, j.at("/profiles").fieldNames().next(), "the JSON holds the name as it is, quoted");
    }

    @Test
    void csv() {
        Run r = report("--output", "csv", "--profile", "prod-admin");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("scope,name,requests,auto_approved,approved,auto_denied,denied,expired,"
                + "cancelled,pending,auto_approved_rate,"), lines.get(0));
        assertTrue(lines.contains("profile,prod-admin,115,0,40,0,20,40,15,0,0.0000,0.3478,0.0000,0.1739,0.3478,0.1304,"
                + "0.0000,7200,10800,0,0,40,75,0,0,0"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rule,production/admin,115,")), r.out());
        assertTrue(lines.contains("approver,bob,,,40,,20,,,,,,,,,,,7200,,,,,,,,"), r.out());
        // a name that would be a formula in a spreadsheet is not one
        Run all = report("--output", "csv");
        assertTrue(all.out().contains("\nprofile,\"'=1+1 <img src=x onerror=alert(1)> \"\"q\"\" 'a' & <script>alert(2)"
                + "</script>\",1,"), all.out());
    }

    @Test
    void htmlIsOnePageWithChartsAndEscapesWhatPeopleWrote() {
        Run r = report("--output", "html");
        assertEquals(0, r.exit(), r.err());
        String html = r.out();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<svg") && html.contains("<rect"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#39;a&#39; &amp; "
                + "&lt;script&gt;alert(2)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script") || html.contains("<img") || html.contains("alert(3)"), html);
        // self-contained: nothing fetched, no script; the only URL is SVG's namespace
        assertEquals(html.split("http://", -1).length - 1, html.split("http://www.w3.org/2000/svg", -1).length - 1, html);
        assertFalse(html.contains("https:"), html);
        assertFalse(html.contains(" src=\"") || html.contains("href=") || html.contains("<link"), html);
        assertTrue(html.contains("<pre>rule instant-prod-readonly-oncall {"), html);
    }

    @Test
    void periodAndBadInput() {
        // the last four hours hold too few requests to suggest anything
        Run since = report("--since", "2026-11-29T20:00:00Z");
        assertEquals(0, since.exit(), since.err());
        long expected = java.util.stream.IntStream.range(0, 400).filter(i -> !GeneratedHistory.of(400, UNTIL).created(i)
                .isBefore(Instant.parse("2026-11-29T20:00:00Z"))).count();
        assertTrue(since.out().startsWith(expected + " requests created 2026-11-29T20:00:00Z to 2026-11-30T00:00:00Z"
                + " (1 day)\n"), since.out());
        assertTrue(since.out().contains("suggestions:\n  none: the history holds no evidence for one\n"), since.out());

        Run reversed = report("--since", "2026-12-01T00:00:00Z");
        assertEquals(2, reversed.exit());
        assertEquals("countersign: --since must be before --until\n", reversed.err());
        Run format = report("--output", "xml");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--output"), format.err());
        Run instant = report("--since", "yesterday");
        assertEquals(2, instant.exit());
        assertTrue(instant.err().contains("'yesterday' is not an instant"), instant.err());
    }
}
