package io.countersign.cli.report;

import io.countersign.engine.report.ApproverLoad;
import io.countersign.engine.report.Fate;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.Stats;
import io.countersign.engine.report.Suggestion;
import io.countersign.lang.text.Escape;
import java.util.Map;

/** The report for a terminal: tables of shares, then approvers, then suggestions with their rule text. */
final class ReportText {

    static final int NAME_WIDTH = 40;

    private ReportText() {
    }

    static String of(Report r) {
        StringBuilder out = new StringBuilder();
        out.append(r.total().requests()).append(r.total().requests() == 1 ? " request" : " requests")
                .append(r.profile() == null ? "" : " of " + Escape.text(r.profile())).append(" created ")
                .append(r.since() == null ? "before " + r.until() : r.since() + " to " + r.until()).append(" (")
                .append(r.days()).append(r.days() == 1 ? " day" : " days").append(")\n\n");
        int width = Math.max(12, r.profiles().keySet().stream().mapToInt(k -> name(k).length()).max().orElse(0));
        width = Math.max(width, r.rules().keySet().stream().mapToInt(k -> name(k).length()).max().orElse(0));
        header(out, width);
        row(out, width, "all", r.total());
        table(out, width, "profiles", r.profiles());
        table(out, width, "rules", r.rules());
        out.append("\nrisk (all):");
        for (int i = 0; i < r.total().risk().size(); i++) {
            out.append("  ").append(Stats.band(i)).append(": ").append(r.total().risk().get(i));
        }
        out.append('\n');
        out.append("\napprovers:\n");
        if (r.approvers().isEmpty()) {
            out.append("  nobody decided a request\n");
        }
        for (ApproverLoad a : r.approvers()) {
            out.append("  ").append(Escape.text(a.approver())).append(": ").append(a.approved()).append(" approved, ")
                    .append(a.denied()).append(" denied, median response ").append(Columns.span(a.responseP50()))
                    .append('\n');
        }
        out.append("\nsuggestions:\n");
        if (r.suggestions().isEmpty()) {
            out.append("  none: the history holds no evidence for one\n");
        }
        int n = 1;
        for (Suggestion s : r.suggestions()) {
            out.append("  ").append(n++).append(". ").append(Escape.text(s.text())).append('\n');
            String extra = s.accept(new Suggestion.Cases<String>() {
                @Override
                public String instantRule(Suggestion.InstantRule i) {
                    StringBuilder b = new StringBuilder("     the rule to paste into the policy of ")
                            .append(Escape.text(i.profile())).append(":\n");
                    i.rule().lines().forEach(l -> b.append("       ").append(Escape.text(l)).append('\n'));
                    return b.toString();
                }

                @Override
                public String unanswered(Suggestion.Unanswered u) {
                    return "";
                }
            });
            out.append(extra);
        }
        return out.toString();
    }

    private static void header(StringBuilder out, int width) {
        out.append(String.format("%-" + width + "s %8s", "", "requests"));
        for (Fate f : Columns.FATES) {
            out.append(String.format(" %13s", f));
        }
        out.append(String.format(" %7s %7s %11s %7s%n", "p50", "p90", "break-glass", "overdue"));
    }

    private static void table(StringBuilder out, int width, String title, Map<String, Stats> rows) {
        out.append(title).append(":\n");
        rows.forEach((k, s) -> row(out, width, "  " + name(k), s));
    }

    /** A profile or rule as a table shows it: escaped, and cut at {@value #NAME_WIDTH} characters. */
    private static String name(String s) {
        String e = Escape.text(s);
        return e.length() <= NAME_WIDTH ? e : e.substring(0, NAME_WIDTH - 1) + "…";
    }

    private static void row(StringBuilder out, int width, String name, Stats s) {
        out.append(String.format("%-" + (width + 2) + "s %6d", name, s.requests()));
        for (Fate f : Columns.FATES) {
            out.append(String.format(" %13s", s.count(f) + " " + Columns.percent(s, s.count(f))));
        }
        out.append(String.format(" %7s %7s %11d %7d%n", Columns.span(s.decisionP50()), Columns.span(s.decisionP90()),
                s.breakGlass(), s.overdueReviews()));
    }
}
