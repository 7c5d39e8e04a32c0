package io.countersign.lsp.features;

import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.format.Formatter;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.workspace.ParsedFile;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/** Document symbols: policies with their rules, windows and risk factors; the cases of a test file. */
public final class Outline {

    private Outline() {
    }

    public static List<DocumentSymbol> policyFile(ParsedFile f) {
        List<DocumentSymbol> out = new ArrayList<>();
        f.ast().ifPresent(ast -> {
            for (Policy p : ast.policies()) {
                List<DocumentSymbol> children = new ArrayList<>();
                for (Item item : p.items()) {
                    if (item instanceof Item.Rule r) {
                        children.add(symbol(f, r.name().text(), SymbolKind.Function, Hovers.outcome(r.outcome()),
                                f.lines().range(r.loc()), f.lines().range(r.name().loc())));
                    } else if (item instanceof Item.WindowDecl w) {
                        children.add(symbol(f, w.name().text(), SymbolKind.Event, Formatter.window(w.window()),
                                f.lines().range(w.loc()), f.lines().range(w.name().loc())));
                    } else if (item instanceof Item.RiskFactor r) {
                        children.add(symbol(f, r.name().text(), SymbolKind.Number,
                                (r.weight() >= 0 ? "+" : "") + r.weight(), f.lines().range(r.loc()),
                                f.lines().range(r.name().loc())));
                    }
                }
                DocumentSymbol policy = symbol(f, p.name().text(), SymbolKind.Namespace, "policy",
                        f.lines().range(p.loc()), f.lines().range(p.name().loc()));
                policy.setChildren(children);
                out.add(policy);
            }
        });
        return out;
    }

    public static List<DocumentSymbol> caseFile(CaseFile f) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (CaseFile.Case c : f.cases()) {
            Range whole = new Range(new org.eclipse.lsp4j.Position(c.firstLine(), 0),
                    new org.eclipse.lsp4j.Position(c.lastLine(), f.lines().line(c.lastLine()).length()));
            DocumentSymbol s = new DocumentSymbol(c.name() == null ? "(no name)" : c.name(), SymbolKind.Event, whole,
                    c.nameRange(), "case");
            out.add(s);
        }
        return out;
    }

    private static DocumentSymbol symbol(ParsedFile f, String name, SymbolKind kind, String detail, Range range,
            Range selection) {
        return new DocumentSymbol(name.isEmpty() ? "(no name)" : name, kind, range, selection, detail);
    }
}
