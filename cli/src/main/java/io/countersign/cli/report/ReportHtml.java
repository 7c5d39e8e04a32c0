package io.countersign.cli.report;

import io.countersign.engine.report.ApproverLoad;
import io.countersign.engine.report.Fate;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.Stats;
import io.countersign.engine.report.Suggestion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and SVG charts drawn here, no script, nothing
 * fetched (its Content-Security-Policy forbids both). Every string that came from a request or a
 * person passes through {@link #esc}.
 */
final class ReportHtml {

    private static final String[] COLORS = {"#2e7d32", "#66bb6a", "#b71c1c", "#ef5350", "#ffa726", "#9e9e9e", "#42a5f5"};
    private static final int BAR_W = 520;
    private static final int LABEL_W = 200;
    private static final int ROW_H = 22;

    private ReportHtml() {
    }

    static String of(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Countersign report</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("pre{background:#f5f5f5;padding:.5em}svg text{font:12px sans-serif}\n</style></head><body>\n");
        h.append("<h1>Countersign report</h1>\n<p>").append(r.total().requests()).append(" requests")
                .append(r.profile() == null ? "" : " of " + esc(r.profile())).append(" created ")
                .append(r.since() == null ? "before " + r.until() : r.since() + " to " + r.until()).append(" (")
                .append(r.days()).append(" days)</p>\n");
        h.append("<h2>Suggestions</h2>\n");
        if (r.suggestions().isEmpty()) {
            h.append("<p>None: the history holds no evidence for one.</p>\n");
        }
        for (Suggestion s : r.suggestions()) {
            h.append("<p>").append(esc(s.text())).append("</p>\n");
            h.append(s.accept(new Suggestion.Cases<String>() {
                @Override
                public String instantRule(Suggestion.InstantRule i) {
                    return "<pre>" + esc(i.rule()) + "</pre>\n";
                }

                @Override
                public String unanswered(Suggestion.Unanswered u) {
                    return "";
                }
            }));
        }
        h.append("<h2>How requests ended, per profile</h2>\n").append(ended(r));
        h.append("<h2>Time to people's decision, per profile (p50, p90)</h2>\n").append(times(r.profiles()));
        h.append("<h2>Risk scores</h2>\n").append(risk(r.total()));
        h.append("<h2>Approvers' load</h2>\n").append(load(r.approvers()));
        h.append("<h2>Profiles</h2>\n").append(table(r.total(), r.profiles()));
        h.append("<h2>Rules</h2>\n").append(table(null, r.rules()));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** HTML text and attribute values: {@code & < > " '} as entities. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String svg(int height, String body) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + (LABEL_W + BAR_W + 80)
                + "\" height=\"" + height + "\">\n" + body + "</svg>\n";
    }

    private static String label(int y, String text) {
        return "<text x=\"" + (LABEL_W - 6) + "\" y=\"" + (y + 15) + "\" text-anchor=\"end\">" + esc(text) + "</text>\n";
    }

    private static String rect(double x, int y, double w, String color, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                x, y, w, ROW_H - 4, color, esc(title));
    }

    private static String ended(Report r) {
        StringBuilder b = new StringBuilder();
        int y = 0;
        for (int i = 0; i < Columns.FATES.size(); i++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    LABEL_W + i * 85, COLORS[i])).append("<text x=\"").append(LABEL_W + i * 85 + 15)
                    .append("\" y=\"15\">").append(Columns.FATES.get(i)).append("</text>\n");
        }
        y += ROW_H;
        for (Map.Entry<String, Stats> e : rows(r)) {
            b.append(label(y, e.getKey()));
            double x = LABEL_W;
            for (int i = 0; i < Columns.FATES.size(); i++) {
                Fate f = Columns.FATES.get(i);
                double w = BAR_W * e.getValue().share(e.getValue().count(f));
                if (w > 0) {
                    b.append(rect(x, y, w, COLORS[i], e.getKey() + ": " + e.getValue().count(f) + " " + f + " ("
                            + Columns.percent(e.getValue(), e.getValue().count(f)) + ")"));
                }
                x += w;
            }
            y += ROW_H;
        }
        return svg(y + 4, b.toString());
    }

    private static List<Map.Entry<String, Stats>> rows(Report r) {
        java.util.List<Map.Entry<String, Stats>> rows = new java.util.ArrayList<>();
        rows.add(Map.entry("all", r.total()));
        rows.addAll(r.profiles().entrySet());
        return rows;
    }

    private static String times(Map<String, Stats> profiles) {
        long max = profiles.values().stream().map(Stats::decisionP90).filter(d -> d != null)
                .mapToLong(Duration::getSeconds).max().orElse(0);
        StringBuilder b = new StringBuilder();
        int y = 0;
        for (Map.Entry<String, Stats> e : profiles.entrySet()) {
            Stats s = e.getValue();
            if (s.decisionP50() == null) {
                continue;
            }
            b.append(label(y, e.getKey()));
            double w90 = max == 0 ? 0 : BAR_W * (double) s.decisionP90().getSeconds() / max;
            double w50 = max == 0 ? 0 : BAR_W * (double) s.decisionP50().getSeconds() / max;
            b.append(rect(LABEL_W, y, w90, "#90caf9", e.getKey() + ": p90 " + Columns.span(s.decisionP90())));
            b.append(rect(LABEL_W, y, w50, "#1565c0", e.getKey() + ": p50 " + Columns.span(s.decisionP50())));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s / %s</text>%n", LABEL_W + w90 + 4, y + 15,
                    Columns.span(s.decisionP50()), Columns.span(s.decisionP90())));
            y += ROW_H;
        }
        return y == 0 ? "<p>People decided no request.</p>\n" : svg(y + 4, b.toString());
    }

    private static String risk(Stats total) {
        long max = total.risk().stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder b = new StringBuilder();
        int y = 0;
        for (int i = 0; i < total.risk().size(); i++) {
            long n = total.risk().get(i);
            double w = max == 0 ? 0 : BAR_W * (double) n / max;
            b.append(label(y, "risk " + Stats.band(i)));
            b.append(rect(LABEL_W, y, w, "#ab47bc", Stats.band(i) + ": " + n));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d</text>%n", LABEL_W + w + 4, y + 15, n));
            y += ROW_H;
        }
        return svg(y + 4, b.toString());
    }

    private static String load(List<ApproverLoad> approvers) {
        if (approvers.isEmpty()) {
            return "<p>Nobody decided a request.</p>\n";
        }
        long max = approvers.get(0).decisions();
        StringBuilder b = new StringBuilder();
        int y = 0;
        for (ApproverLoad a : approvers.subList(0, Math.min(30, approvers.size()))) {
            double wa = BAR_W * (double) a.approved() / max;
            double wd = BAR_W * (double) a.denied() / max;
            b.append(label(y, a.approver()));
            b.append(rect(LABEL_W, y, wa, COLORS[1], a.approver() + ": " + a.approved() + " approved"));
            b.append(rect(LABEL_W + wa, y, wd, COLORS[3], a.approver() + ": " + a.denied() + " denied"));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d, median %s</text>%n", LABEL_W + wa + wd + 4,
                    y + 15, a.decisions(), Columns.span(a.responseP50())));
            y += ROW_H;
        }
        return svg(y + 4, b.toString());
    }

    private static String table(Stats total, Map<String, Stats> rows) {
        StringBuilder b = new StringBuilder("<table><tr><th></th><th>requests</th>");
        Columns.FATES.forEach(f -> b.append("<th>").append(f).append("</th>"));
        b.append("<th>p50</th><th>p90</th><th>break-glass</th><th>overdue reviews</th></tr>\n");
        if (total != null) {
            row(b, "all", total);
        }
        rows.forEach((k, s) -> row(b, k, s));
        return b.append("</table>\n").toString();
    }

    private static void row(StringBuilder b, String name, Stats s) {
        b.append("<tr><td>").append(esc(name)).append("</td><td>").append(s.requests()).append("</td>");
        Columns.FATES.forEach(f -> b.append("<td>").append(s.count(f)).append(" (")
                .append(Columns.percent(s, s.count(f))).append(")</td>"));
        b.append("<td>").append(Columns.span(s.decisionP50())).append("</td><td>").append(Columns.span(s.decisionP90()))
                .append("</td><td>").append(s.breakGlass()).append("</td><td>").append(s.overdueReviews())
                .append("</td></tr>\n");
    }
}
