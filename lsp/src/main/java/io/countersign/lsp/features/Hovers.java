package io.countersign.lsp.features;

import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.Window;
import io.countersign.lang.format.Formatter;
import io.countersign.lsp.cases.CaseDecisions;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.symbols.Index;
import io.countersign.lsp.symbols.Kind;
import io.countersign.lsp.symbols.Target;
import io.countersign.lsp.text.Markdown;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.DirectoryInfo;
import io.countersign.lsp.workspace.ParsedFile;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/** What hovering shows: attributes and their types, windows, rules' outcomes, risk weights, cases' decisions. */
public final class Hovers {

    private Hovers() {
    }

    public static Optional<Hover> policy(Analysis a, ParsedFile f, Position position) {
        return Target.at(f, position).map(t -> {
            String text;
            if (t instanceof Target.Declared d) {
                text = declared(a, d.kind(), d.id(), d.policy(), d.node());
            } else if (t instanceof Target.Attribute at) {
                text = "**attribute** " + Markdown.code(at.path().text()) + ": " + Attributes.type(at.path())
                        + "\n\n" + Attributes.meaning(at.path());
            } else if (t instanceof Target.WindowUse w) {
                text = a.index().declaration(Kind.WINDOW, w.id())
                        .map(s -> declared(a, Kind.WINDOW, s.id(), s.policy(), s.node()))
                        .orElse("**window** " + Markdown.code(w.use().name().text()) + " is not defined in policy "
                                + Markdown.code(w.policy().name().text()));
            } else if (t instanceof Target.Group g) {
                text = group(a.directory(), g.name().value());
            } else {
                text = user(a.directory(), ((Target.User) t).id().value());
            }
            Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, text));
            h.setRange(f.lines().range(t.loc()));
            return h;
        });
    }

    public static Optional<Hover> testCase(Analysis a, CaseFile file, Position position) {
        return file.caseAt(position.getLine()).map(c -> {
            String title = "**case** " + Markdown.code(c.name() == null ? "(no name)" : c.name()) + "\n\n";
            return new Hover(new MarkupContent(MarkupKind.MARKDOWN, title + CaseDecisions.describe(a, file, c.index())));
        });
    }

    static String declared(Analysis a, Kind kind, String id, Policy policy, Object node) {
        String head = "**" + kind.label() + "** " + Markdown.code(id);
        if (node instanceof Item.WindowDecl w) {
            return head + " = " + Markdown.code(Formatter.window(w.window())) + "\n\n" + window(w.window());
        }
        if (node instanceof Item.RiskFactor r) {
            return head + ": weight **" + (r.weight() >= 0 ? "+" : "") + r.weight() + "** when "
                    + Markdown.code(Formatter.expr(r.when()));
        }
        if (node instanceof Item.Rule r) {
            ParsedFile f = fileOf(a, id, kind);
            StringBuilder out = new StringBuilder(head).append(": ").append(outcome(r.outcome()));
            r.description().ifPresent(d -> out.append("\n\n").append(Markdown.escape(d.value())));
            if (!r.controls().isEmpty()) {
                out.append("\n\ncomplies with ").append(r.controls().stream().map(Markdown::code)
                        .collect(Collectors.joining(", ")));
            }
            if (f != null) {
                out.append("\n\n").append(Markdown.block(f.slice(r.outcome().loc())));
            }
            return out.toString();
        }
        if (node instanceof Policy p) {
            long rules = p.rules().size();
            long windows = p.items().stream().filter(Item.WindowDecl.class::isInstance).count();
            long risks = p.items().stream().filter(Item.RiskFactor.class::isInstance).count();
            StringBuilder out = new StringBuilder(head).append(": ").append(rules).append(rules == 1 ? " rule" : " rules")
                    .append(", ").append(windows).append(windows == 1 ? " window" : " windows").append(", ")
                    .append(risks).append(risks == 1 ? " risk factor" : " risk factors");
            for (Item item : p.items()) {
                if (item instanceof Item.Description d) {
                    out.append("\n\n").append(Markdown.escape(d.text().value()));
                } else if (item instanceof Item.Scope s) {
                    out.append("\n\nscope: ").append(Markdown.code(Formatter.expr(s.expr())));
                } else if (item instanceof Item.Default d) {
                    out.append("\n\ndefault: ").append(outcome(d.outcome()));
                }
            }
            return out.toString();
        }
        return head;
    }

    private static ParsedFile fileOf(Analysis a, String id, Kind kind) {
        return a.index().declaration(kind, id).map(Index.Symbol::file).map(a.policies()::get).orElse(null);
    }

    static String outcome(Outcome o) {
        if (o instanceof Outcome.Approve) {
            return o.clauses().isEmpty() ? "approve at once" : "approve at once, with " + o.clauses().size()
                    + (o.clauses().size() == 1 ? " clause" : " clauses");
        }
        if (o instanceof Outcome.Deny d) {
            return "deny: " + Markdown.escape(d.reason().value());
        }
        Outcome.RequireApproval r = (Outcome.RequireApproval) o;
        return "require approval in " + r.stages().size() + (r.stages().size() == 1 ? " stage" : " stages");
    }

    static String window(Window w) {
        List<DayOfWeek> days = w.days().expand();
        boolean overnight = !w.end().value().isAfter(w.start().value());
        return "Holds on " + days.stream().map(d -> d.name().charAt(0) + d.name().substring(1, 3).toLowerCase(
                java.util.Locale.ROOT)).collect(Collectors.joining(", "))
                + " from " + w.start().value() + " (inclusive) to " + w.end().value() + " (exclusive)"
                + (overnight ? " of the next day" : "") + ", in " + Markdown.escape(w.zone().map(z -> z.value())
                        .orElse("UTC")) + ".";
    }

    static String group(DirectoryInfo d, String name) {
        List<String> members = d.members(name);
        return "**group** " + Markdown.code(name) + (members.isEmpty() ? ": no member in directory.yaml"
                : ": " + members.stream().map(Markdown::escape).collect(Collectors.joining(", ")) + " (directory.yaml)");
    }

    static String user(DirectoryInfo d, String id) {
        List<String> groups = d.groupsOfUser().get(id);
        return "**user** " + Markdown.code(id) + (groups == null ? ": not in directory.yaml"
                : groups.isEmpty() ? ": in no group" : ": in " + groups.stream().map(Markdown::escape)
                        .collect(Collectors.joining(", ")));
    }
}
