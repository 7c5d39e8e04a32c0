package io.countersign.store.sqlite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.report.ApproverLoad;
import io.countersign.engine.report.GeneratedHistory;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.ReportQuery;
import io.countersign.engine.report.Reporter;
import io.countersign.engine.report.Stats;
import io.countersign.engine.report.Suggestion;
import io.countersign.lang.Frontend;
import io.countersign.lang.source.SourceFile;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a generated history of 10,000 requests in a real SQLite file ({@link GeneratedHistory}
 * says what it holds): every number, the suggestions with their evidence, and none where the evidence
 * is missing.
 */
class SqliteReportTest {

    static final int N = 10_000;
    static final Instant UNTIL = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    static Path dir;
    static SqliteStore store;
    static Report report;

    @BeforeAll
    static void write() {
        store = SqliteStore.open(dir.resolve("report.db"));
        long t0 = System.nanoTime();
        GeneratedHistory.of(N, UNTIL).write(store);
        long t1 = System.nanoTime();
        report = new Reporter(store).report(ReportQuery.until(UNTIL));
        System.out.printf("wrote %d requests in %d ms, reported in %d ms%n", N, (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void totalsAndProfiles() {
        Stats t = report.total();
        assertEquals(N, t.requests());
        assertEquals(2500, t.autoApproved());
        assertEquals(3500 + 1000 + 5, t.approved());
        assertEquals(500, t.autoDenied());
        assertEquals(1000, t.denied());
        assertEquals(1000, t.expired());
        assertEquals(495, t.cancelled());
        assertEquals(0, t.pending());
        assertEquals(90, report.days());

        Stats ro = report.profiles().get("prod-readonly");
        assertEquals(4000, ro.requests());
        assertEquals(3500, ro.approved());
        assertEquals(500, ro.denied());
        assertEquals(Duration.ofMinutes(10), ro.decisionP50());
        assertEquals(Duration.ofMinutes(30), ro.decisionP90());
        // oncall risk (i*7)%26 over 0..25; the engineers' 35
        assertEquals(List.of(3000L - count(i -> GeneratedHistory.slot(i) <= 5 && (i * 7) % 26 >= 20),
                1000L + count(i -> GeneratedHistory.slot(i) <= 5 && (i * 7) % 26 >= 20), 0L, 0L, 0L), ro.risk());

        Stats admin = report.profiles().get("prod-admin");
        assertEquals(2995, admin.requests());
        assertEquals(1000, admin.expired());
        assertEquals(1000, admin.approved());
        assertEquals(500, admin.denied());
        assertEquals(495, admin.cancelled());
        assertEquals(0.4, (double) admin.expired() / (admin.approved() + admin.denied() + admin.expired()), 1e-9);
        assertEquals(Duration.ofHours(2), admin.decisionP50());
        assertEquals(Duration.ofHours(3), admin.decisionP90());

        assertEquals(2000, report.profiles().get("prod-data").autoApproved());
        assertNull(report.profiles().get("prod-data").decisionP50());
        Stats glass = report.profiles().get("breakglass-db");
        long uses = count(GeneratedHistory::recordsBreakGlass);
        assertEquals(450, uses);
        assertEquals(uses, glass.breakGlass(), "the uses the histories record: not the 50 written before they were");
        assertEquals(uses, t.breakGlass(), "an incident named in a request people approved is no break-glass");
        assertEquals(0, ro.breakGlass());
        GeneratedHistory h = GeneratedHistory.of(N, UNTIL);
        long overdue = count(i -> GeneratedHistory.slot(i) == 17
                && h.created(i).plus(GeneratedHistory.REVIEW).isBefore(UNTIL));
        assertEquals(overdue, glass.overdueReviews());
        assertEquals(overdue, t.overdueReviews());
        assertTrue(overdue > 480 && overdue < 500, "some reviews are not due yet: " + overdue);
        assertEquals(500, report.profiles().get("sandbox").autoDenied());
        assertEquals(500, report.profiles().get("sandbox").risk().get(4));
        assertEquals(5, report.profiles().get("dev-tools").approved());
    }

    @Test
    void rulesAndApprovers() {
        assertEquals(4000, report.rules().get("production/engineer-readonly").requests());
        assertEquals(2995, report.rules().get("production/admin").requests());
        assertEquals(450, report.rules().get("break-glass/oncall-incident").breakGlass());
        List<ApproverLoad> a = report.approvers();
        assertEquals(List.of("oliver", "bob", "alice"), a.stream().map(ApproverLoad::approver).toList());
        assertEquals(new ApproverLoad("oliver", 3505, 500, Duration.ofMinutes(10)), a.get(0));
        assertEquals(1000, a.get(1).approved());
        assertEquals(500, a.get(1).denied());
        assertEquals(Duration.ofHours(2), a.get(1).responseP50());
        assertEquals(new ApproverLoad("alice", 1000, 0, Duration.ofHours(1)), a.get(2));
    }

    @Test
    void suggestionsWithTheirEvidence() {
        assertEquals(2, report.suggestions().size(), report.suggestions().toString());
        Suggestion.InstantRule instant = (Suggestion.InstantRule) report.suggestions().get(0);
        assertEquals("prod-readonly", instant.profile());
        assertEquals("oncall", instant.group()); // engineering members were denied: no rule for them
        assertEquals(3000, instant.approved());
        assertEquals(3000, instant.decided());
        assertEquals(30, instant.riskBelow());
        assertEquals(Duration.ofHours(4), instant.cap());
        assertEquals("prod-readonly was approved by a person 3000 of 3000 times in 90 days for members of oncall"
                + " with risk < 30 — consider an instant rule", instant.text());
        // the rule text pastes into a policy that checks clean
        String policy = "policy production {\n  scope profile matches \"prod-*\"\n"
                + instant.rule().indent(2) + "}\n";
        Frontend.Result checked = Frontend.compile(List.of(new SourceFile("suggested.policy", policy)));
        assertFalse(checked.hasErrors(), policy + checked.diagnostics());
        assertTrue(instant.rule().contains("when profile == \"prod-readonly\" and requester in group \"oncall\""
                + " and risk < 30\n  then approve\n    cap duration 4h\n"), instant.rule());

        Suggestion.Unanswered un = (Suggestion.Unanswered) report.suggestions().get(1);
        assertEquals("prod-admin", un.profile());
        assertEquals(1000, un.expired());
        assertEquals(2500, un.routed());
        assertEquals(List.of("group:sre-leads", "group:security-oncall"), un.approvers());
        assertEquals(List.of("bob", "alice"), un.answeredBy().stream().map(ApproverLoad::approver).toList());
        assertEquals("requests to prod-admin expire unanswered 40% of the time (1000 of 2500 in 90 days) — its"
                + " approvers are group:sre-leads, group:security-oncall; answered by bob (1500), alice (1000)"
                + " — consider more approvers or an escalation", un.text());
    }

    @Test
    void noSuggestionWithoutEvidence() {
        // dev-tools: approved by a person every time, but 5 times only
        assertTrue(report.suggestions().stream().noneMatch(s -> s.text().contains("dev-tools")));
        // 3,000 approvals make an instant rule, 2,500 routed requests are too few to name prod-admin's approvers
        Report fewer = new Reporter(store).report(ReportQuery.until(UNTIL).withMinEvidence(2501));
        assertEquals(List.of("instant-rule"), fewer.suggestions().stream().map(Suggestion::kind).toList());
        Report few = new Reporter(store).report(ReportQuery.until(UNTIL).withMinEvidence(3001));
        assertTrue(few.suggestions().isEmpty(), few.suggestions().toString());
        Report none = new Reporter(store).report(ReportQuery.until(UNTIL).withProfile("sandbox"));
        assertEquals(500, none.total().requests());
        assertTrue(none.suggestions().isEmpty());
    }

    @Test
    void sinceAndProfileNarrowThePeriod() {
        Instant since = UNTIL.minus(Duration.ofDays(30));
        GeneratedHistory h = GeneratedHistory.of(N, UNTIL);
        Report r = new Reporter(store).report(ReportQuery.until(UNTIL).withSince(since).withProfile("prod-readonly"));
        long expected = count(i -> GeneratedHistory.slot(i) <= 7 && !h.created(i).isBefore(since));
        assertEquals(expected, r.total().requests());
        assertEquals(30, r.days());
        assertEquals(List.of("prod-readonly"), List.copyOf(r.profiles().keySet()));
        Report all = new Reporter(store).report(ReportQuery.until(UNTIL).withSince(since));
        assertEquals(count(i -> !h.created(i).isBefore(since)), all.total().requests());
    }

    private static long count(java.util.function.IntPredicate p) {
        return java.util.stream.IntStream.range(0, N).filter(p).count();
    }
}
