package io.countersign.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.History;
import io.countersign.engine.model.StoredRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The export format read back, and every way a line can be wrong named by its number. */
class ExportReaderTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    static Archive archive(String id, int events) throws Exception {
        StoredRequest r = Json.mapper().readValue("{\"id\":\"" + id + "\",\"requester\":\"frank\",\"profile\":\"p\","
                + "\"status\":\"pending\",\"version\":1,\"createdAt\":\"" + T + "\",\"risk\":0,\"selfApproval\":false,"
                + "\"delegation\":false,\"acceptsUnsigned\":true,\"reviewDue\":false,\"eventSequence\":" + events + "}",
                StoredRequest.class);
        ApprovalDecision d = Json.mapper().readValue("{\"decisionId\":\"d-" + id + "\",\"requestId\":\"" + id
                + "\",\"approver\":\"alice\",\"decision\":\"approved\"}", ApprovalDecision.class);
        List<Event> chain = new ArrayList<>();
        String prev = null;
        for (int i = 1; i <= events; i++) {
            Event e = EventChain.seal(new Event(id + "-e" + i, EventType.REQUEST_CREATED, T, "frank", id, i,
                    Json.mapper().createObjectNode().put("n", i), prev, null));
            chain.add(e);
            prev = e.hash();
        }
        List<Archive.Delivery> deliveries = new ArrayList<>();
        if (events > 1) {
            deliveries.add(Archive.Delivery.delivered(id + "-e1", Set.of("webhook", "slack"), 1, "slack: 502"));
        }
        deliveries.add(new Archive.Delivery(id + "-e" + events, Set.of("webhook"), 2, T.plusSeconds(60), "503", false));
        return new Archive(new History(r, List.of(d), chain), deliveries);
    }

    static String export(Archive... archives) throws Exception {
        StringWriter out = new StringWriter();
        ExportWriter w = new ExportWriter(out, T);
        for (Archive a : archives) {
            w.write(a);
        }
        w.finish();
        return out.toString();
    }

    static ExportReader reader(String text) {
        return reader(text.getBytes(StandardCharsets.UTF_8));
    }

    static ExportReader reader(byte[] bytes) {
        return new ExportReader(new ByteArrayInputStream(bytes));
    }

    static BadExportException refused(String text) {
        return assertThrows(BadExportException.class, () -> Importer.check(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8))));
    }

    /** The export's lines with line {@code n} (from 1) replaced. */
    static String withLine(String export, int n, String line) {
        List<String> lines = new ArrayList<>(export.lines().toList());
        lines.set(n - 1, line);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        Archive a = archive("r1", 3);
        Archive b = archive("r2", 1);
        String text = export(a, b);
        assertEquals(1 + (1 + 1 + 3) + (1 + 1 + 1) + 1, text.lines().count());
        ExportReader r = reader(text);
        for (Archive expected : List.of(a, b)) {
            Archive got = r.next();
            assertEquals(Json.mapper().valueToTree(expected.history()), Json.mapper().valueToTree(got.history()));
            assertEquals(expected.deliveries(), got.deliveries());
        }
        assertNull(r.next());
        assertNull(r.next(), "and stays at the end");
        assertEquals(new ExportCounts(2, 2, 4), r.counts());
        assertEquals("2 requests, 2 decisions, 4 events", r.counts().toString());
        // Windows line ends are read as well.
        assertEquals(new ExportCounts(2, 2, 4), Importer.check(new ByteArrayInputStream(
                text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        assertEquals(ExportCounts.NONE, Importer.check(new ByteArrayInputStream(export().getBytes(StandardCharsets.UTF_8))));
    }

    // Version 2: a delivered event's record (who has it) travels on its line, marked delivered.
    @Test
    void aDeliveredEventsRecordTravelsWithIt() throws Exception {
        String text = export(archive("r1", 3));
        assertTrue(text.lines().findFirst().orElseThrow().contains("\"version\":2"), text);
        String first = text.lines().filter(l -> l.contains("\"r1-e1\"")).findFirst().orElseThrow();
        assertTrue(first.endsWith(",\"delivery\":{\"deliveredTo\":[\"slack\",\"webhook\"],\"attempts\":1,"
                + "\"lastError\":\"slack: 502\",\"dead\":false,\"delivered\":true}}"), first);
        String owed = text.lines().filter(l -> l.contains("\"r1-e3\"")).findFirst().orElseThrow();
        assertTrue(owed.endsWith(",\"delivery\":{\"deliveredTo\":[\"webhook\"],\"attempts\":2,\"nextAttempt\":\""
                + T.plusSeconds(60) + "\",\"lastError\":\"503\",\"dead\":false}}"), "an owed event's line is as in"
                + " version 1: " + owed);
        Archive back = reader(text).next();
        assertEquals(Archive.State.DELIVERED, back.deliveries().get(0).state());
        assertEquals(Set.of("slack", "webhook"), back.deliveries().get(0).deliveredTo());
        assertEquals(Archive.State.OWED, back.deliveries().get(1).state());
        BadExportException both = refused(text.replace("\"dead\":false,\"delivered\":true",
                "\"dead\":true,\"delivered\":true"));
        assertEquals("line 4: the delivery says the event was delivered, and also that it is dead or due again:"
                + " it can be only one", both.getMessage());
    }

    // An export made before version 2 still imports: its delivered events simply carry no record.
    @Test
    void aVersionOneExportStillReads() throws Exception {
        List<String> lines = new ArrayList<>(export(archive("r1", 2)).lines().toList());
        lines.set(0, "{\"kind\":\"export\",\"format\":\"countersign-store\",\"version\":1,\"exportedAt\":\"" + T + "\"}");
        String delivered = lines.get(3);
        lines.set(3, delivered.substring(0, delivered.indexOf(",\"delivery\":")) + "}");
        ExportReader r = reader(String.join("\n", lines) + "\n");
        Archive a = r.next();
        assertEquals(2, a.history().events().size());
        assertEquals(1, a.deliveries().size(), a.deliveries().toString());
        assertEquals("r1-e2", a.deliveries().get(0).eventId());
        assertEquals(Archive.State.OWED, a.deliveries().get(0).state());
        assertNull(r.next());
    }

    @Test
    void theHeaderMustSayWhatFollows() throws Exception {
        String text = export(archive("r1", 1));
        assertEquals(1, refused("").line());
        assertTrue(refused("").getMessage().contains("the file is empty"));
        assertTrue(refused("{\"kind\":\"request\"}\n").getMessage()
                .startsWith("line 1: not a countersign store export"));
        assertEquals("line 1: export format version 3 is newer than this countersign reads (1 to 2): use a newer"
                + " countersign", refused(withLine(text, 1, "{\"kind\":\"export\",\"format\":\"countersign-store\","
                        + "\"version\":3}")).getMessage());
        assertEquals("line 1: export format version 0 is not one this countersign reads (1 to 2)",
                refused(withLine(text, 1, "{\"kind\":\"export\",\"format\":\"countersign-store\",\"version\":0}"))
                        .getMessage());
        assertTrue(refused(withLine(text, 3, text.lines().findFirst().orElseThrow())).getMessage()
                .startsWith("line 3: a second export header"));
    }

    @Test
    void everyBadLineIsNamedByItsNumber() throws Exception {
        String text = export(archive("r1", 2), archive("r2", 1));
        // line 1 header; r1: 2 request, 3 decision, 4-5 events; r2: 6 request, 7 decision, 8 event; 9 end
        assertEquals("line 4: not JSON at column 16: Unexpected end-of-input: expected close marker for Object",
                refused(withLine(text, 4, "{\"kind\":\"event\"")).getMessage());
        assertEquals("line 4: not JSON at column 10: Unrecognized token 'nonsense': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false')",
                refused(withLine(text, 4, "{\"kind\": nonsense}")).getMessage());
        assertEquals("line 4: not a JSON object", refused(withLine(text, 4, "[1, 2]")).getMessage());
        assertEquals("line 4: the record has no \"kind\"", refused(withLine(text, 4, "{}")).getMessage());
        assertEquals("line 4: unknown kind 'comment': one of request, decision, event, end",
                refused(withLine(text, 4, "{\"kind\":\"comment\"}")).getMessage());
        assertEquals("line 5: an empty line: every line of an export is one JSON record",
                refused(withLine(text, 5, "")).getMessage());
        String event = text.lines().toList().get(3);
        assertEquals("line 4: unknown field 'extra' in a event line",
                refused(withLine(text, 4, event.replace("{\"kind\":\"event\",", "{\"kind\":\"event\",\"extra\":1,")))
                        .getMessage());
        assertEquals("line 4: this event line names request r2, but follows request r1's",
                refused(withLine(text, 4, event.replace("\"requestId\":\"r1\"", "\"requestId\":\"r2\""))).getMessage());
        assertEquals("line 4: the event does not read: field 'sequence': expected a number",
                refused(withLine(text, 4, event.replace("\"sequence\":1", "\"sequence\":\"two\""))).getMessage());
        assertEquals("line 6: request r1 appears twice (first on line 2)",
                refused(withLine(text, 6, text.lines().toList().get(1))).getMessage());
        assertEquals("line 2: a decision line must follow its request's line",
                refused(withLine(text, 2, text.lines().toList().get(2))).getMessage());
        assertEquals("line 9: the end line counts 2 requests, 2 decisions, 4 events, but the export holds 2 requests,"
                + " 2 decisions, 3 events", refused(withLine(text, 9,
                        "{\"kind\":\"end\",\"requests\":2,\"decisions\":2,\"events\":4}")).getMessage());
        assertEquals("line 10: nothing may follow the end line", refused(text + "{\"kind\":\"end\"}\n").getMessage());
        String cut = String.join("\n", text.lines().toList().subList(0, 7)) + "\n";
        assertEquals("line 8: the export ends without its end line: it was cut short (after 1 request, 1 decision,"
                + " 2 events read whole)", refused(cut).getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedOnTheirOwnLine() throws Exception {
        String text = export(archive("r1", 2));
        List<String> lines = text.lines().toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            if (i == 4) {
                line[line.length - 3] = (byte) 0xC3; // the start of a two-byte sequence, followed by ASCII
            }
            bytes.write(line);
            bytes.write('\n');
        }
        ExportReader r = reader(bytes.toByteArray());
        BadExportException e = assertThrows(BadExportException.class, r::next);
        assertEquals("line 5: not UTF-8 text", e.getMessage());
        assertEquals(5, e.line());
    }

    @Test
    void textFromTheFileReachesAMessageEscaped() throws Exception {
        String text = export(archive("r1", 1));
        String event = text.lines().toList().get(3);
        BadExportException e = refused(withLine(text, 4, event.replace("\"requestId\":\"r1\"",
                "\"requestId\":\"x\\u001b[2Jy\\u202e\"")));
        assertEquals("line 4: this event line names request x\\u001b[2Jy\\u202e, but follows request r1's",
                e.getMessage());
    }
}
