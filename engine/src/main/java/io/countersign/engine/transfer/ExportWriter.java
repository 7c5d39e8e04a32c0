package io.countersign.engine.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Writes an export ({@link ExportFormat}): the header, each request's record, the end line. */
public final class ExportWriter {

    private static final int PAGE = 500;

    private final Writer out;
    private final ObjectMapper json = Json.mapper();
    private ExportCounts counts = ExportCounts.NONE;

    /** Starts an export on {@code out} with its first line. */
    public ExportWriter(Writer out, Instant exportedAt) throws IOException {
        this.out = out;
        ObjectNode header = json.createObjectNode().put(ExportFormat.KIND, ExportFormat.HEADER)
                .put("format", ExportFormat.FORMAT).put("version", ExportFormat.VERSION)
                .put("exportedAt", exportedAt.toString());
        line(header);
    }

    /**
     * Writes every request of {@code store}, page by page, each read in one consistent read (a request
     * deleted between its listing and its reading is left out); returns the counts the end line says. An
     * item whose seal does not verify in {@code store} is written {@link Sealer#UNVOUCHED}: an import must
     * not seal a change as the service's own.
     */
    public static ExportCounts exportAll(Store store, Writer out, Instant exportedAt) throws IOException {
        ExportWriter w = new ExportWriter(out, exportedAt);
        Sealer sealer = Sealer.of(store);
        String cursor = null;
        do {
            Page<String> page = store.requestIds(cursor, PAGE);
            for (String id : page.items()) {
                var archive = store.archive(id);
                if (archive.isPresent()) {
                    w.write(sealer.vouched(archive.get()));
                }
            }
            cursor = page.next();
        } while (cursor != null);
        return w.finish();
    }

    /** Writes one request's record. */
    public void write(Archive archive) throws IOException {
        String id = archive.id();
        line(json.createObjectNode().put(ExportFormat.KIND, ExportFormat.REQUEST)
                .set(ExportFormat.REQUEST, json.valueToTree(archive.history().request())));
        for (ApprovalDecision d : archive.history().decisions()) {
            line(json.createObjectNode().put(ExportFormat.KIND, ExportFormat.DECISION).put(ExportFormat.REQUEST_ID, id)
                    .set(ExportFormat.DECISION, json.valueToTree(d)));
        }
        Map<String, Archive.Delivery> records = new HashMap<>();
        archive.deliveries().forEach(d -> records.put(d.eventId(), d));
        for (Event e : archive.history().events()) {
            ObjectNode line = json.createObjectNode().put(ExportFormat.KIND, ExportFormat.EVENT)
                    .put(ExportFormat.REQUEST_ID, id);
            line.set(ExportFormat.EVENT, json.valueToTree(e));
            Archive.Delivery d = records.get(e.id());
            if (d != null) {
                line.set(ExportFormat.DELIVERY, json.valueToTree(ExportFormat.Delivery.of(d)));
            }
            line(line);
        }
        counts = counts.plus(archive.history().decisions().size(), archive.history().events().size());
    }

    /** Writes the end line with the counts and flushes; returns the counts. */
    public ExportCounts finish() throws IOException {
        line(json.createObjectNode().put(ExportFormat.KIND, ExportFormat.END).put("requests", counts.requests())
                .put("decisions", counts.decisions()).put("events", counts.events()));
        out.flush();
        return counts;
    }

    private void line(ObjectNode node) throws IOException {
        out.write(Json.portable(node)); // the file is UTF-8: a lone surrogate goes as its escape, not as '?'
        out.write('\n');
    }
}
