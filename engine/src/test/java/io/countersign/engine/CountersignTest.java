package io.countersign.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.request.AccessRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade for decisions only: built from a policy directory, reloaded atomically, never half-swapped. */
class CountersignTest {

    private static final String READONLY = """
            policy ops {
              rule readonly {
                when profile == "ops-readonly" and duration <= 2h
                then approve
              }
            }
            """;

    @TempDir
    Path dir;

    private static AccessRequest ask(String profile) {
        return AccessRequest.builder().requester("ivan").profile(profile).duration(Duration.ofHours(1))
                .at(OffsetDateTime.parse("2026-03-02T10:00:00Z")).build();
    }

    private Countersign build() throws IOException {
        Files.writeString(dir.resolve("ops.policy"), READONLY);
        Files.writeString(dir.resolve("directory.yaml"), "users:\n  ivan: {groups: [oncall]}\n");
        return Countersign.builder().policies(dir).build();
    }

    @Test
    void decidesAndExplainsFromAPolicyDirectory() throws IOException {
        try (Countersign cs = build()) {
            assertEquals(Outcome.APPROVED, cs.decide(ask("ops-readonly")).outcome());
            assertEquals(Outcome.DENIED, cs.decide(ask("ops-admin")).outcome());
            assertEquals(Outcome.APPROVED, cs.explain(ask("ops-readonly")).evaluation().outcome());
            assertTrue(cs.directory().user("ivan").isPresent());
        }
    }

    @Test
    void withoutAStoreTheLifecycleSaysSo() throws IOException {
        try (Countersign cs = build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cs.submit(ask("ops-readonly")));
            assertTrue(e.getMessage().contains("without a store"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> cs.checkAccess(AccessQuestion.of("ivan", "ops-readonly")));
        }
    }

    @Test
    void aBrokenPolicyDirectoryIsRefusedWithItsDiagnostics() throws IOException {
        Files.writeString(dir.resolve("bad.policy"), "policy bad { rule r { when user.name == \"x\" then approve } }\n");
        PolicyLoadException e = assertThrows(PolicyLoadException.class,
                () -> Countersign.builder().policies(dir).build());
        assertFalse(e.diagnostics().isEmpty());
        assertTrue(e.report().contains("bad.policy:1:"), e.report());
    }

    @Test
    void reloadSwapsACleanSetAndKeepsTheOldOneOtherwise() throws IOException {
        try (Countersign cs = build()) {
            String before = cs.policyVersion();

            Files.writeString(dir.resolve("ops.policy"), "policy ops { rule r { when user.name == \"x\" then approve } }\n");
            Reload broken = cs.reload();
            assertFalse(broken.applied());
            assertEquals(before, broken.policyVersion());
            assertTrue(broken.diagnostics().stream().anyMatch(d -> d.isError()));
            assertTrue(broken.report().contains("ops.policy:1:"), broken.report());
            assertEquals(Outcome.APPROVED, cs.decide(ask("ops-readonly")).outcome(), "the old set still decides");

            Files.writeString(dir.resolve("ops.policy"), READONLY.replace("ops-readonly", "ops-admin"));
            Reload clean = cs.reload();
            assertTrue(clean.applied());
            assertNotEquals(before, clean.policyVersion());
            assertEquals(clean.policyVersion(), cs.policyVersion());
            assertEquals(Outcome.APPROVED, cs.decide(ask("ops-admin")).outcome());
            assertEquals(Outcome.DENIED, cs.decide(ask("ops-readonly")).outcome());
        }
    }

    /** Decisions keep coming while sets are swapped under them: none fails, each is one set's answer. */
    @Test
    void callsInFlightFinishOnTheSetTheyBeganWith() throws Exception {
        try (Countersign cs = build()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> deciding = pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 400; i++) {
                        Evaluation e = cs.decide(ask(i % 2 == 0 ? "ops-readonly" : "ops-admin"));
                        assertTrue(e.outcome() == Outcome.APPROVED || e.outcome() == Outcome.DENIED, e.rationale());
                        assertFalse(e.rationale().contains("could not be evaluated"), e.rationale());
                        n++;
                    }
                    return n;
                });
                for (int i = 0; i < 3; i++) {
                    Files.writeString(dir.resolve("ops.policy"), i % 2 == 0 ? READONLY.replace("ops-readonly",
                            "ops-admin") : READONLY);
                    assertTrue(cs.reload().applied());
                }
                assertEquals(400, deciding.get(60, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
