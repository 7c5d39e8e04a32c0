package io.countersign.cli.store;

import io.countersign.cli.request.LifecycleCommand;
import io.countersign.cli.request.Session;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.BadExportException;
import io.countersign.engine.transfer.ExportCounts;
import io.countersign.engine.transfer.Importer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign store import}. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Write the requests of an export (from `store export`) into this store, exactly as they were stored,",
            "and verify them. Every line is checked first: a line that is not part of a whole export is named with",
            "its number and nothing is written. Then each request is written in one transaction with its decisions",
            "and events, read back (it must be what the export holds) and its hash chain audited here. A request",
            "already here with the same history is left as it is, so an import that was interrupted is finished by",
            "running it again; one here with a different history stops the import, naming it. Check signatures",
            "afterwards with `countersign audit verify`. FILE is the export, or - for standard input."},
        footer = {"",
            "Examples:",
            "  $ countersign store import --region eu-central-1 countersign-export.jsonl",
            "  imported 412 requests, 1030 decisions, 2977 events: 412 written, 0 here already",
            "  verified: every request reads back as exported, every chain intact",
            "  $ countersign store export --home ~/.countersign | countersign store import --region eu-central-1 -",
            "",
            "Exit codes: 0 imported and verified, 1 an imported request does not verify, 2 bad input (a line that",
            "is not a whole export's, a request here with a different history, a store that cannot be used)."})
public final class StoreImport extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The export: a file, or - for standard input.")
    String source;

    private long written;
    private long unchanged;

    @Override
    protected int execute() throws Exception {
        boolean stdin = "-".equals(source);
        String name = stdin ? "standard input" : source;
        Path file = stdin ? Files.createTempFile("countersign-import-", ".jsonl") : Path.of(source);
        try {
            if (stdin) {
                // Read twice, checked before anything is written: standard input is kept until then.
                Files.copy(System.in, file, StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err().println("countersign: cannot read " + source + ": " + (Files.exists(file)
                        ? "not a readable file" : "no such file"));
                return BAD_INPUT;
            }
            try (InputStream in = Files.newInputStream(file)) {
                Importer.check(in);
            } catch (BadExportException e) {
                err().println("countersign: " + name + ": " + e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err().println("countersign: cannot read " + name + ": " + StoreExport.describe(e));
                return BAD_INPUT;
            }
            try (Session s = Session.reading(store.location()); InputStream in = Files.newInputStream(file)) {
                return report(importInto(s.store(), in));
            } catch (ConflictException e) {
                err().println("countersign: import stopped: " + e.getMessage() + "; " + written + " written and "
                        + unchanged + " here already before it");
                return BAD_INPUT;
            } catch (BadExportException e) {
                // Checked a moment ago: only a file changed meanwhile gets here.
                err().println("countersign: " + name + ": " + e.getMessage());
                return BAD_INPUT;
            }
        } finally {
            if (stdin) {
                Files.deleteIfExists(file);
            }
        }
    }

    private Importer.Result importInto(Store target, InputStream in) throws IOException, BadExportException {
        return Importer.run(target, in, (archive, wrote) -> {
            if (wrote) {
                written++;
            } else {
                unchanged++;
            }
        });
    }

    private int report(Importer.Result r) throws IOException {
        ExportCounts c = r.counts();
        if (json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("requests", c.requests());
            o.put("decisions", c.decisions());
            o.put("events", c.events());
            o.put("written", r.written());
            o.put("unchanged", r.unchanged());
            o.put("verified", r.verified());
            o.put("differing", r.differing());
            o.put("broken", r.broken());
            printJson(o);
        } else {
            out().println("imported " + c + ": " + r.written() + " written, " + r.unchanged() + " here already");
            for (String id : r.differing()) {
                out().println("differs: " + visible(id) + " does not read back from this store as exported");
            }
            for (AuditTrail.Finding f : r.broken()) {
                out().println("broken: " + visible(f.requestId()) + (f.sequence() == null ? ""
                        : " at event " + f.sequence()) + ": " + visible(f.problem()));
            }
            out().println(r.verified() ? "verified: every request reads back as exported, every chain intact"
                    : "not verified: " + r.differing().size() + " differ, " + r.broken().size() + " broken"
                            + (r.broken().isEmpty() ? "" : " (run countersign audit verify on the source too)"));
        }
        return r.verified() ? 0 : REFUSED;
    }

    /** Stored text for a terminal: a control or bidi character in an id cannot move the cursor or the line. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> {
            boolean bidi = c == 0x061c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e
                    || c >= 0x2066 && c <= 0x2069;
            b.append(Character.isISOControl(c) || bidi ? String.format("\\u%04x", c) : String.valueOf((char) c));
        });
        return b.toString();
    }
}
