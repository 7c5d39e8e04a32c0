package io.countersign.cli.store;

import io.countersign.cli.request.LifecycleCommand;
import io.countersign.cli.request.Session;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.ExportCounts;
import io.countersign.engine.transfer.ExportWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign store export}. */
@Command(name = "export",
        header = "Write the whole store as JSON lines, exactly as stored.",
        mixinStandardHelpOptions = true,
        description = {
            "Write every request of the store, with its decisions and events exactly as stored (hash chains,",
            "signatures, and each event's delivery record: still owed to a notifier, given up on, or delivered and",
            "to whom, which every decision's notificationsSent is read from), as JSON lines: to standard output,",
            "or to --file, which is replaced only once the export is whole. The first line names the",
            "format, the last counts what came before it, so `store import` tells a whole export from one cut",
            "short. Each request is read in one consistent read; for a copy of a whole store at one instant, run",
            "it while no other command writes. The summary goes to standard error when the export goes to",
            "standard output."},
        footer = {"",
            "Examples:",
            "  $ countersign store export --file countersign-export.jsonl",
            "  exported 1 request, 2 decisions, 5 events to countersign-export.jsonl",
            "  $ countersign store export | countersign store import --region eu-central-1 --table countersign -",
            "",
            "Exit codes: 0 exported, 2 the store cannot be used, the file cannot be written, or a bad option."})
public final class StoreExport extends LifecycleCommand {

    @Option(names = "--file", paramLabel = "FILE",
            description = "Write the export to FILE instead of standard output (written beside it, then moved in"
                + " place).")
    Path file;

    @Override
    protected int execute() throws Exception {
        ExportCounts counts;
        try (Session s = Session.reading(store.location())) {
            Store from = s.store();
            if (file == null) {
                counts = ExportWriter.exportAll(from, out(), Instant.now());
            } else {
                try {
                    counts = toFile(from);
                } catch (IOException e) {
                    err().println("countersign: cannot write " + file + ": " + describe(e));
                    return BAD_INPUT;
                }
            }
        }
        PrintWriter summary = file == null ? err() : out();
        if (json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", file == null ? null : file.toString());
            o.put("requests", counts.requests());
            o.put("decisions", counts.decisions());
            o.put("events", counts.events());
            summary.println(Json.mapper().writeValueAsString(o));
        } else {
            summary.println("exported " + counts + (file == null ? "" : " to " + file));
        }
        return 0;
    }

    /** An I/O failure in words: which file, and what is wrong with it. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /** Writes beside the file and moves it in: an export cut short never stands where a whole one did. */
    private ExportCounts toFile(Store from) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            ExportCounts counts;
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                counts = ExportWriter.exportAll(from, w, Instant.now());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return counts;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
