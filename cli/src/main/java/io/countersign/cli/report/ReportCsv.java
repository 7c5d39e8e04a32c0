package io.countersign.cli.report;

import io.countersign.engine.report.ApproverLoad;
import io.countersign.engine.report.Fate;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one CSV table (RFC 4180 quoting, lines ending in LF): a row for all requests, each profile, each rule and each
 * approver ({@code scope} says which). An approver's row fills {@code approved}, {@code denied} and, as
 * {@code decision_p50_s}, their median response. Text that a spreadsheet would run as a formula
 * ({@code = + - @} first) is prefixed with {@code '}.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(Report r) {
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("scope", "name", "requests"));
        for (Fate f : Columns.FATES) {
            head.add(f.toString().replace('-', '_'));
        }
        for (Fate f : Columns.FATES) {
            head.add(f.toString().replace('-', '_') + "_rate");
        }
        head.addAll(List.of("decision_p50_s", "decision_p90_s"));
        for (int i = 0; i < Stats.RISK_BANDS.size(); i++) {
            head.add("risk_" + Stats.band(i).replace('-', '_'));
        }
        head.addAll(List.of("break_glass", "overdue_reviews"));
        line(out, head);
        stats(out, "all", "", r.total());
        r.profiles().forEach((k, s) -> stats(out, "profile", k, s));
        r.rules().forEach((k, s) -> stats(out, "rule", k, s));
        for (ApproverLoad a : r.approvers()) {
            List<String> row = new ArrayList<>(List.of("approver", a.approver(), ""));
            for (Fate f : Columns.FATES) {
                row.add(f == Fate.APPROVED ? Long.toString(a.approved()) : f == Fate.DENIED ? Long.toString(a.denied()) : "");
            }
            Columns.FATES.forEach(f -> row.add(""));
            row.add(seconds(a.responseP50()));
            while (row.size() < head.size()) {
                row.add("");
            }
            line(out, row);
        }
        return out.toString();
    }

    private static void stats(StringBuilder out, String scope, String name, Stats s) {
        List<String> row = new ArrayList<>(List.of(scope, name, Long.toString(s.requests())));
        Columns.FATES.forEach(f -> row.add(Long.toString(s.count(f))));
        Columns.FATES.forEach(f -> row.add(String.format(Locale.ROOT, "%.4f", s.share(s.count(f)))));
        row.add(seconds(s.decisionP50()));
        row.add(seconds(s.decisionP90()));
        s.risk().forEach(n -> row.add(Long.toString(n)));
        row.add(Long.toString(s.breakGlass()));
        row.add(Long.toString(s.overdueReviews()));
        line(out, row);
    }

    private static String seconds(Duration d) {
        return d == null ? "" : Long.toString(d.getSeconds());
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        out.append("\n");
    }

    /** A cell quoted when it must be, and never a formula. */
    static String cell(String value) {
        String v = io.countersign.lang.text.Escape.text(value);
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
