package io.countersign.store.sqlite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.ReportQuery;
import io.countersign.engine.report.Reporter;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report counts a break-glass use where the history records one ({@code breakglass.used}), not
 * wherever a granted request names an incident; and a grant's review is overdue once its date has come,
 * as the sweep announces it, whether the grant is active or ended.
 */
class BreakGlassReportTest {

    static final String POLICY = """
            policy bg {
              scope profile matches "breakglass-*"
              default deny "Break-glass needs a declared incident"
              allow unsigned decisions
              rule oncall-incident {
                when has context.incident and requester in group "oncall"
                then approve
                  cap duration 1h
                  review after 2d
              }
              rule vouched {
                when has context.incident and requester not in group "oncall"
                then require approval from 1 of group "sre-leads"
                  cap duration 1h
                  review after 2d
              }
            }
            """;
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aUseIsWhatTheHistoryRecordsAndAReviewIsOverdueOnItsDate() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("report.db"))) {
            workflow(store, T0).submit(incident("alice"));
            String vouched = workflow(store, T0).submit(incident("frank")).id();
            workflow(store, T0.plusSeconds(600)).approve(vouched, "bob", Terms.because("on the bridge"));
            workflow(store, T0.plus(Duration.ofHours(3))).sweep(); // both grants end; their reviews stay due

            Report before = new Reporter(store).report(ReportQuery.until(T0.plus(Duration.ofDays(2)).minusSeconds(1)));
            assertEquals(1, before.total().breakGlass(), "frank's request names an incident, but bob approved it");
            assertEquals(1, before.rules().get("bg/oncall-incident").breakGlass());
            assertEquals(0, before.rules().get("bg/vouched").breakGlass());
            assertEquals(0, before.total().overdueReviews());

            Report due = new Reporter(store).report(ReportQuery.until(T0.plus(Duration.ofDays(2))));
            assertEquals(1, due.total().overdueReviews(), "alice's review, due at the instant the period ends");
            Report after = new Reporter(store).report(ReportQuery.until(T0.plus(Duration.ofDays(3))));
            assertEquals(2, after.total().overdueReviews(), "both, though both grants ended");
            assertEquals(1, after.total().breakGlass());
        }
    }

    private static AccessRequest incident(String requester) {
        return AccessRequest.builder().requester(requester).profile("breakglass-db").duration(Duration.ofHours(1))
                .ticket("INC-7").justification("the primary is down").context(Map.of("incident", "INC-7")).build();
    }

    private static Workflow workflow(SqliteStore store, Instant at) throws Exception {
        Directory directory = id -> Optional.of(new Directory.User(id, switch (id) {
            case "alice" -> List.of("oncall");
            case "bob" -> List.of("sre-leads");
            default -> List.of("engineering");
        }, Map.of()));
        return new Workflow(Authorizer.of(PolicySet.of(List.of(new SourceFile("bg.policy", POLICY)))), store,
                directory, Clock.fixed(at, ZoneOffset.UTC));
    }
}
