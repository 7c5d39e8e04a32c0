package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.ExportWriter;
import io.countersign.engine.transfer.Importer;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Terms;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What people write is kept exactly as they wrote it, whatever it holds — a lone surrogate (which a JSON
 * body can carry as an escape), a pair, a NUL, a bidi control, a line separator — in the request,
 * its context and a decision's reason, through the store and through an export to a UTF-8 file and an
 * import. A store that changed one character (SQLite's text and a UTF-8 encoder both turn a lone
 * surrogate into {@code ?}) would make an untouched record read as tampered with, and a moved one fail
 * its audit.
 */
public abstract class TextFidelityContract extends SealedWorkflowContract {

    static final String ODD = "lone \uD800 high, lone \uDFFF low, pair \uD83D\uDE00, \u00E9, \u202E, \u0000, \u2028 end";

    @Override
    Map<String, SigningKey> signers() {
        return Map.of();
    }

    StoredRequest submitted() {
        StoredRequest r = wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).justification(ODD)
                .context(Map.of("note", ODD, "mfa", true)).build());
        wf.approve(r.id(), "alice", Terms.because(ODD));
        return r;
    }

    @Test
    void oddTextIsKeptExactlyAndTheRecordVerifies() {
        String id = submitted().id();
        History h = sealed.history(id).orElseThrow();
        assertEquals(ODD, h.request().justification());
        assertEquals(ODD, h.request().context().get("note"));
        assertEquals(List.of(ODD), h.decisions().stream().filter(d -> "alice".equals(d.approver()))
                .map(ApprovalDecision::rationale).toList());
        assertEquals(List.of(), new AuditTrail(sealed, keys, PolicyJudge.archive(policies)).verify(id));
    }

    @Test
    void oddTextMovesThroughAnExportFileAndVerifiesWhereItLands() throws Exception {
        String id = submitted().id();
        StringWriter out = new StringWriter();
        ExportWriter.exportAll(store, out, clock.instant());
        Store target = fixture().open();
        try {
            Importer.Result result = ExportImportContract.importInto(target, out.toString()); // read as a UTF-8 file
            assertTrue(result.verified(), result.toString());
            History moved = target.history(id).orElseThrow();
            assertEquals(ODD, moved.request().justification());
            assertEquals(ODD, moved.request().context().get("note"));
            assertEquals(List.of(), new AuditTrail(target).verify(id));
        } finally {
            fixture().drop(target);
        }
    }
}
