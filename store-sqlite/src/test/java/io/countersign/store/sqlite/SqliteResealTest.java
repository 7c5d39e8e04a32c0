package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.contract.Tamperer;
import io.countersign.engine.contract.TamperingHarness;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.ExportWriter;
import io.countersign.engine.transfer.Importer;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record changed without the seal key, then moved by export and import into a store with a key of its own. */
class SqliteResealTest extends TamperingHarness {

    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }

    @Test
    void aRecordChangedWithoutTheSealKeyIsNotSealedAsTheServicesOwnByAMove() throws Exception {
        StoredRequest untouched = approvedAdmin();
        StoredRequest r = approvedAdmin();
        new Tamperer(raw, Sealer.NONE).rewrite(r.id(), e -> {
            if (e.path("data").get("decision") instanceof ObjectNode d && "bob".equals(d.path("approver").asText())) {
                d.put("rationale", "approved by the CEO");
            }
        });
        assertFalse(audit(r.id()).isEmpty(), "found where it was changed");
        StringWriter out = new StringWriter();
        ExportWriter.exportAll(sealedStore(), out, clock.instant());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Store target = SealedStore.over(SqliteStores.fresh(), SealKeys.of("k2", Map.of("k2", secret)));
        try {
            Importer.Result moved = Importer.run(target,
                    new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), (a, w) -> { });
            List<AuditTrail.Finding> there = new AuditTrail(target).verify(r.id());
            assertFalse(there.isEmpty(), "the move sealed the change as the service's own: " + moved);
            assertTrue(there.get(0).problem().contains("did not verify in the store it was exported from"),
                    there.toString());
            assertEquals(List.of(r.id()), moved.broken().stream().map(AuditTrail.Finding::requestId).distinct().toList(),
                    "the import says so");
            assertEquals(List.of(), new AuditTrail(target).verify(untouched.id()), "the rest is sealed as before");
        } finally {
            target.close();
        }
    }
}
