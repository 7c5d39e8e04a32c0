package io.countersign.lsp.features;

import io.countersign.lsp.workspace.Analysis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Range;

/** Completion in a {@code *.test.yaml} file, read from the line before the cursor. */
public final class CaseCompletions {

    private CaseCompletions() {
    }

    private static final Pattern CASE_USER = Pattern.compile("(requester|user)\\s*:\\s*\"?([\\w.@+-]*)$");
    private static final Pattern CASE_RULES = Pattern.compile("rules\\s*:\\s*\\[(?:[^\\]]*,)?\\s*\"?([\\w/-]*)$");
    private static final Pattern CASE_GROUPS = Pattern.compile("groups\\s*:\\s*\\[(?:[^\\]]*,)?\\s*\"?([\\w.-]*)$");

    /**
     * Completion in a test file, from the text of the line before the cursor: users after
     * {@code requester:}, groups in {@code groups: [...]}, rule ids in {@code rules: [...]}.
     */
    public static List<CompletionItem> at(Analysis a, String lineBefore, int line) {
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        Matcher m;
        if ((m = CASE_USER.matcher(lineBefore)).find()) {
            Range r = new Range(new org.eclipse.lsp4j.Position(line, m.start(2)),
                    new org.eclipse.lsp4j.Position(line, lineBefore.length()));
            a.directory().users().forEach(u -> Completions.add(items, u, CompletionItemKind.Value, "user", u, r, "0"));
        } else if ((m = CASE_RULES.matcher(lineBefore)).find()) {
            Range r = new Range(new org.eclipse.lsp4j.Position(line, m.start(1)),
                    new org.eclipse.lsp4j.Position(line, lineBefore.length()));
            Set<String> ids = new TreeSet<>();
            a.policies().values().forEach(f -> f.ast().ifPresent(ast -> ast.policies().forEach(p -> {
                p.rules().forEach(rule -> ids.add(p.name().text() + "/" + rule.name().text()));
                if (p.items().stream().anyMatch(io.countersign.lang.ast.Item.Default.class::isInstance)) {
                    ids.add(p.name().text() + "/default");
                }
            })));
            ids.forEach(id -> Completions.add(items, id, CompletionItemKind.Reference, "rule", id, r, "0"));
        } else if ((m = CASE_GROUPS.matcher(lineBefore)).find()) {
            Range r = new Range(new org.eclipse.lsp4j.Position(line, m.start(1)),
                    new org.eclipse.lsp4j.Position(line, lineBefore.length()));
            a.directory().groups().forEach(g -> Completions.add(items, g, CompletionItemKind.Value, "group", g, r, "0"));
        }
        return List.copyOf(items.values());
    }
}
