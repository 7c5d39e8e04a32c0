package io.countersign.lsp.features;

import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.symbols.Index;
import io.countersign.lsp.symbols.Kind;
import io.countersign.lsp.symbols.Target;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.ParsedFile;
import io.countersign.lsp.workspace.Uris;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Go to definition and find references, for policies, rules, windows and risk factors. */
public final class Navigation {

    private Navigation() {
    }

    /** A declared name, by kind and id. */
    record Name(Kind kind, String id) {
    }

    public static List<Location> definition(Analysis a, Path file, Position position) {
        return nameAt(a, file, position)
                .flatMap(n -> a.index().declaration(n.kind(), n.id()))
                .map(s -> List.of(new Location(Uris.uri(s.file()), s.nameRange())))
                .orElse(List.of());
    }

    public static List<Location> references(Analysis a, Path file, Position position, boolean withDeclaration) {
        Optional<Name> name = nameAt(a, file, position);
        if (name.isEmpty()) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        if (withDeclaration) {
            a.index().declaration(name.get().kind(), name.get().id())
                    .ifPresent(s -> out.add(new Location(Uris.uri(s.file()), s.nameRange())));
        }
        for (Index.Reference r : a.index().references(name.get().kind(), name.get().id())) {
            out.add(new Location(Uris.uri(r.file()), r.range()));
        }
        return out;
    }

    static Optional<Name> nameAt(Analysis a, Path file, Position position) {
        ParsedFile policy = a.policies().get(file);
        if (policy != null) {
            return Target.at(policy, position).flatMap(t -> {
                if (t instanceof Target.Declared d) {
                    return Optional.of(new Name(d.kind(), d.id()));
                }
                if (t instanceof Target.WindowUse w) {
                    return Optional.of(new Name(Kind.WINDOW, w.id()));
                }
                return Optional.empty();
            });
        }
        CaseFile cases = a.cases().get(file);
        if (cases != null) {
            for (CaseFile.RuleRef ref : cases.ruleRefs()) {
                if (contains(ref.range(), position)) {
                    int slash = ref.id().indexOf('/');
                    boolean onPolicy = slash > 0
                            && position.getCharacter() < ref.range().getStart().getCharacter() + slash;
                    return Optional.of(onPolicy ? new Name(Kind.POLICY, ref.id().substring(0, slash))
                            : new Name(Kind.RULE, ref.id()));
                }
            }
        }
        return Optional.empty();
    }

    static boolean contains(Range r, Position p) {
        return r.getStart().getLine() == p.getLine() && r.getStart().getCharacter() <= p.getCharacter()
                && p.getCharacter() <= r.getEnd().getCharacter();
    }
}
