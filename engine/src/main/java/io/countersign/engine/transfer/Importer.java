package io.countersign.engine.transfer;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Imports an export into a store and verifies it: each request is restored ({@link Store#restore}, one
 * transaction, a no-op for a history already there), then read back from the store — it must be what
 * the export holds — and its chain audited there. Run again after an interruption, it writes what is
 * missing and leaves the rest.
 */
public final class Importer {

    private Importer() {
    }

    /** Where the import stands after each request: for a caller that shows progress. */
    public interface Progress {
        void restored(Archive archive, boolean written);
    }

    /**
     * What an import did.
     *
     * @param counts what the export holds (and the store now holds of it)
     * @param written requests written
     * @param unchanged requests that were there already, the same
     * @param differing requests that do not read back as exported: the store did not keep what it was given
     * @param broken each imported request whose audit finds something: its first finding
     */
    public record Result(ExportCounts counts, long written, long unchanged, List<String> differing,
            List<AuditTrail.Finding> broken) {
        public Result {
            differing = List.copyOf(differing);
            broken = List.copyOf(broken);
        }

        /** Everything read back as exported and every chain is intact. */
        public boolean verified() {
            return differing.isEmpty() && broken.isEmpty();
        }
    }

    /** Reads a whole export, checking every line, and writes nothing: its counts. */
    public static ExportCounts check(InputStream in) throws IOException, BadExportException {
        ExportReader reader = new ExportReader(in);
        while (reader.next() != null) {
            // every record read is a record checked
        }
        return reader.counts();
    }

    /**
     * Restores every request of the export into {@code target} and verifies it. A line that does not read
     * stops the import there (what came before it is imported); so does a request that exists in the
     * store with a different history. {@link #check} first to refuse a bad export before anything is written.
     *
     * @throws ConflictException when a request exists in {@code target} with a different history
     */
    public static Result run(Store target, InputStream in, Progress progress) throws IOException,
            BadExportException {
        ExportReader reader = new ExportReader(in);
        AuditTrail audit = new AuditTrail(target);
        long written = 0;
        long unchanged = 0;
        List<String> differing = new ArrayList<>();
        List<AuditTrail.Finding> broken = new ArrayList<>();
        for (Archive a = reader.next(); a != null; a = reader.next()) {
            boolean wrote = target.restore(a);
            if (wrote) {
                written++;
            } else {
                unchanged++;
            }
            Optional<Archive> back = target.archive(a.id());
            // Delivery state is compared only where this import wrote it: elsewhere it has moved on by itself.
            if (back.isEmpty() || !back.get().history().sameAs(a.history())
                    || wrote && !new HashSet<>(back.get().deliveries()).equals(new HashSet<>(a.deliveries()))) {
                differing.add(a.id());
            }
            List<AuditTrail.Finding> findings = audit.verify(a.id());
            if (!findings.isEmpty()) {
                broken.add(findings.get(0));
            }
            progress.restored(a, wrote);
        }
        return new Result(reader.counts(), written, unchanged, differing, broken);
    }
}
