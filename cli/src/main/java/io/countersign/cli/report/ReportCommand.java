package io.countersign.cli.report;

import io.countersign.cli.Main;
import io.countersign.cli.request.InstantConverter;
import io.countersign.cli.request.Session;
import io.countersign.cli.request.StoreProblem;
import io.countersign.cli.store.StoreOptions;
import io.countersign.cli.text.JsonLine;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.ReportQuery;
import io.countersign.engine.report.Reporter;
import io.countersign.engine.store.StoreException;
import io.countersign.lang.text.Escape;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign report}. */
@Command(name = "report",
        header = "Analyse the stored requests: rates, times, approvers' load, suggestions.",
        mixinStandardHelpOptions = true,
        description = {
            "Count the requests created in a period, in all, per profile and per deciding rule: how many policy",
            "approved or denied at once, how many people approved or denied, how many expired unanswered or were",
            "cancelled; the time people took to decide (p50, p90); the risk scores by band; break-glass uses",
            "(the breakglass.used events the histories record) and grants whose review has come due. Then each",
            "approver's load, and suggestions drawn from the history, each with its evidence: a profile people",
            "always approve for one group (with an instant rule to paste), a profile whose requests expire",
            "unanswered too often (with its approvers). --output json prints the report as one JSON object, csv",
            "one row per profile, rule and approver, html one self-contained page with charts (no scripts).",
            "The store is read a page at a time; the report is not a snapshot of a store being written."},
        footer = {"",
            "Examples:",
            "  $ countersign report --since 2026-09-01T00:00:00Z",
            "  1 request created 2026-09-01T00:00:00Z to 2026-12-04T06:15:00Z (... days)",
            "  ...",
            "  approvers:",
            "    alice: 1 approved, 0 denied, median response 0s",
            "    bob: 1 approved, 0 denied, median response 0s",
            "  suggestions:",
            "    none: the history holds no evidence for one",
            "  $ countersign report --profile prod-admin --output csv > prod-admin.csv",
            "  $ countersign report --output html > report.html",
            "",
            "Exit codes: 0 reported (even nothing), 2 bad input (a bad instant or format, a store that cannot",
            "be used)."})
public final class ReportCommand implements Callable<Integer> {

    /** What {@code --output} takes. */
    enum Format {
        text, json, csv, html
    }

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only requests created at or after this instant: 2026-09-01T00:00:00Z.")
    OffsetDateTime since;

    @Option(names = "--until", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only requests created before this instant (default now); reviews overdue by then.")
    OffsetDateTime until;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Only this profile's requests.")
    String profile;

    @CommandLine.Mixin
    StoreOptions store;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, csv or html.")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportQuery query;
        try {
            query = ReportQuery.until(until == null ? Instant.now() : until.toInstant())
                    .withSince(since == null ? null : since.toInstant()).withProfile(profile);
        } catch (IllegalArgumentException e) {
            err.println("countersign: " + Escape.text(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        Report report;
        try (Session s = Session.reading(store.location())) {
            report = new Reporter(s.store()).report(query);
        } catch (StoreException e) {
            err.println("countersign: store: " + StoreProblem.describe(e));
            return Main.EXIT_BAD_INPUT;
        }
        switch (format) {
            case json -> out.println(JsonLine.of(report));
            case csv -> out.print(ReportCsv.of(report));
            case html -> out.print(ReportHtml.of(report));
            case text -> out.print(ReportText.of(report));
        }
        return 0;
    }
}
