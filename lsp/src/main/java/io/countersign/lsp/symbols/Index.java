package io.countersign.lsp.symbols;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Policy;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.workspace.ParsedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Every declared name of a set and every use of one: windows in {@code now during NAME} (in their
 * policy), and rule ids in test cases' {@code expect.rules} (which also use the policy's name).
 * Risk factors are declared but used by no other text: their references are their declarations.
 */
public final class Index {

    /** A declaration: its kind, its id, where its name is written and the node it names. */
    public record Symbol(Kind kind, String id, Path file, Loc nameLoc, Range nameRange, Policy policy, Object node) {
    }

    /** A use of a declared name. */
    public record Reference(Kind kind, String id, Path file, Range range) {
    }

    private final Map<String, Symbol> declarations = new HashMap<>();
    private final Map<String, List<Reference>> references = new HashMap<>();

    private Index() {
    }

    private static String key(Kind kind, String id) {
        return kind + ":" + id;
    }

    public Optional<Symbol> declaration(Kind kind, String id) {
        return Optional.ofNullable(declarations.get(key(kind, id)));
    }

    public List<Reference> references(Kind kind, String id) {
        return references.getOrDefault(key(kind, id), List.of());
    }

    /** The declarations in {@code file}, in no particular order. */
    public List<Symbol> declarationsIn(Path file) {
        return declarations.values().stream().filter(s -> s.file().equals(file)).toList();
    }

    public static Index build(Map<Path, ParsedFile> policies, Map<Path, CaseFile> cases) {
        Index index = new Index();
        for (ParsedFile f : policies.values()) {
            f.ast().ifPresent(ast -> AstWalk.walk(ast, new AstWalk.Visitor() {
                @Override
                public void declaration(Policy policy, Kind kind, Name name, Object node) {
                    String id = kind == Kind.POLICY ? name.text() : policy.name().text() + "/" + name.text();
                    index.declarations.putIfAbsent(key(kind, id),
                            new Symbol(kind, id, f.path(), name.loc(), f.lines().range(name.loc()), policy, node));
                }

                @Override
                public void windowUse(Policy policy, Expr.WindowRef.Named use) {
                    index.add(new Reference(Kind.WINDOW, policy.name().text() + "/" + use.name().text(), f.path(),
                            f.lines().range(use.name().loc())));
                }
            }));
        }
        cases.forEach((path, c) -> {
            for (CaseFile.RuleRef ref : c.ruleRefs()) {
                index.add(new Reference(Kind.RULE, ref.id(), path, ref.range()));
                int slash = ref.id().indexOf('/');
                if (slash > 0) {
                    Position start = ref.range().getStart();
                    index.add(new Reference(Kind.POLICY, ref.id().substring(0, slash), path,
                            new Range(start, new Position(start.getLine(), start.getCharacter() + slash))));
                }
            }
        });
        return index;
    }

    private void add(Reference r) {
        references.computeIfAbsent(key(r.kind(), r.id()), k -> new ArrayList<>()).add(r);
    }
}
