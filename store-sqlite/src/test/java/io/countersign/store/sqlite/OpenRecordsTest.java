package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.countersign.engine.store.History;
import io.countersign.engine.store.OpenRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The access check's one statement: the requester's open requests for a profile, in the order of
 * {@code open}, the approved ones with their records as {@code history} reads them — read every time.
 */
class OpenRecordsTest {

    @Test
    void theOpenRequestsComeWithTheApprovedOnesRecordsAsTheyAreNow() throws Exception {
        try (SqliteStore store = SqliteStores.fresh()) {
            Workflow wf = Scenario.workflow(store);
            String pending = wf.submit(Scenario.ask("frank")).id();
            String approved = wf.submit(Scenario.ask("frank")).id();
            wf.approve(approved, "lead-1", Terms.because("fine"));
            wf.submit(Scenario.ask("grace"));
            Instant at = Instant.parse("2026-03-02T09:30:00Z");

            List<OpenRequest> open = store.openWithHistories("frank", "prod-db", at);
            assertEquals(List.of(approved, pending), open.stream().map(o -> o.request().id()).toList(),
                    "by deadline: the grant ends at 10:00, the pending request expires a day after its submission");
            assertEquals(store.open("frank", "prod-db", at), open.stream().map(OpenRequest::request).toList());
            History withIt = open.get(0).history().get().orElseThrow();
            assertSame(store.history(approved).orElseThrow(), withIt, "the texts history(id) reads: the same parse");
            assertEquals(1, withIt.decisions().size());
            assertEquals("lead-1", withIt.events().get(1).actor(), "the decision's event");
            assertEquals(store.history(pending), open.get(1).history().get(), "a pending one's read when asked");

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                    PreparedStatement p = c.prepareStatement("UPDATE events SET data = replace(data, '\"actor\":\"lead-1\"',"
                            + " '\"actor\":\"mallory\"') WHERE request_id = ? AND seq = 2")) {
                p.setString(1, approved);
                assertEquals(1, p.executeUpdate());
            }
            History changed = store.openWithHistories("frank", "prod-db", at).get(0).history().get().orElseThrow();
            assertEquals("mallory", changed.events().get(1).actor(), "an item changed behind the store is read as it is now");
            assertSame(withIt.events().get(0), changed.events().get(0), "an unchanged item keeps its parse");
        }
    }
}
