package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.countersign.engine.store.History;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/** A history read again is parsed again only where its stored texts changed, whoever changed them. */
class HistoriesTest {

    @Test
    void theSameTextsGiveTheSameHistoryAndAChangedTextIsReadAsItIsNow() throws Exception {
        try (SqliteStore store = SqliteStores.fresh()) {
            Workflow wf = Scenario.workflow(store);
            String id = wf.submit(Scenario.ask("frank")).id();
            wf.approve(id, "lead-1", Terms.because("fine"));
            History first = store.history(id).orElseThrow();
            History again = store.history(id).orElseThrow();
            assertSame(first, again, "nothing changed: the parse is reused");

            // An event's actor changed behind the store's back, by plain SQL.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                    PreparedStatement p = c.prepareStatement("UPDATE events SET data = replace(data, '\"actor\":\"lead-1\"',"
                            + " '\"actor\":\"mallory\"') WHERE request_id = ? AND seq = 2")) {
                p.setString(1, id);
                assertEquals(1, p.executeUpdate());
            }
            History changed = store.history(id).orElseThrow();
            assertNotSame(first, changed);
            assertEquals("mallory", changed.events().get(1).actor(), "the changed item is read as it is now");
            assertSame(first.events().get(0), changed.events().get(0), "an unchanged item keeps its parse");
            assertSame(first.request(), changed.request());
            assertEquals(first.decisions(), changed.decisions());
        }
    }
}
