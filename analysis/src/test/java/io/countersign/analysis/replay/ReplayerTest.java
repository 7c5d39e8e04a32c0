package io.countersign.analysis.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayerTest {

    static final String BEFORE = """
            policy prod {
              allow unsigned decisions
              window office = mon-fri 08:00-18:00 in "Europe/Berlin"
              rule oncall {
                when requester in group "oncall"
                then approve
              }
              rule others {
                when requester not in group "oncall"
                then require approval from 1 of group "leads"
              }
            }
            """;
    static final String AFTER = """
            policy prod {
              allow unsigned decisions
              window office = mon-fri 08:00-18:00 in "Europe/Berlin"
              rule oncall {
                when requester in group "oncall" and now during office
                then approve
              }
              rule oncall-at-night {
                when requester in group "oncall" and not now during office
                then require approval from 2 of group "leads"
              }
              rule others {
                when requester not in group "oncall"
                then require approval from 1 of group "leads"
              }
            }
            """;

    /** A clock that each submission moves on. */
    static final class Ticking extends Clock {
        Instant now;

        Ticking(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ListStore history(int n) throws Exception {
        PolicySet before = PolicySet.of(List.of(new SourceFile("prod.policy", BEFORE)));
        ListStore store = new ListStore();
        Ticking clock = new Ticking(Instant.parse("2026-03-02T00:00:00Z")); // a Monday
        try (Authorizer a = Authorizer.of(before)) {
            // Replay reads listings by status only (ListStore); precedents would list by profile.
            Workflow w = new Workflow(a, store, Directory.EMPTY, clock).withPrecedents(PrecedentSettings.NONE);
            for (int i = 0; i < n; i++) {
                clock.now = clock.now.plus(Duration.ofMinutes(37));
                List<String> groups = i % 3 == 0 ? List.of("eng") : List.of("oncall");
                w.submit(new AccessRequest("r" + i, "user" + (i % 50), groups, null, "prod-db", List.of("read"),
                        Duration.ofHours(1), null, "INC-" + i, null, null, null));
            }
        }
        return store;
    }

    @Test
    void countsTheDecisionsThatChangeWithRequestIds() throws Exception {
        ListStore store = history(1_000);
        PolicySet after = PolicySet.of(List.of(new SourceFile("prod.policy", AFTER)));
        Replayer.Report r = Replayer.replay(store, after, null, null);
        assertEquals(1_000, r.replayed());
        assertEquals(1, r.changes().size(), r.changes().toString());
        Replayer.Change c = r.changes().get(0);
        assertEquals("approved at once → needs 2 of group:leads", c.title());
        assertEquals(r.changed(), c.count());
        // on-call requests outside Berlin office hours: about 7 in 10 of the on-call ones
        assertTrue(c.count() > 300 && c.count() < 600, "changed " + c.count());
        assertEquals(3, c.requestIds().size());
        assertTrue(store.get(c.requestIds().get(0)).orElseThrow().groups().contains("oncall"));
    }

    @Test
    void sinceAndUntilBoundTheRequestsReplayed() throws Exception {
        ListStore store = history(200);
        PolicySet after = PolicySet.of(List.of(new SourceFile("prod.policy", AFTER)));
        Instant since = Instant.parse("2026-03-03T00:00:00Z");
        Instant until = Instant.parse("2026-03-04T00:00:00Z");
        Replayer.Report r = Replayer.replay(store, after, since, until);
        // one request every 37 minutes: 24h of them
        assertEquals(1440 / 37 + 1, r.replayed(), 1);
    }
}
