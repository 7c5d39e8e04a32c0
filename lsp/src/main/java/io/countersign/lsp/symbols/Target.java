package io.countersign.lsp.symbols;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import java.util.Optional;

/** What is written at a position of a policy file, as far as hover and navigation care. */
public sealed interface Target {

    Loc loc();

    /** The name in a declaration. */
    record Declared(Kind kind, String id, Name name, Policy policy, Object node) implements Target {
        public Loc loc() {
            return name.loc();
        }
    }

    /** A path into the request. */
    record Attribute(Policy policy, Path path) implements Target {
        public Loc loc() {
            return path.loc();
        }
    }

    /** {@code now during NAME}: the name. */
    record WindowUse(Policy policy, Expr.WindowRef.Named use) implements Target {
        public Loc loc() {
            return use.name().loc();
        }

        public String id() {
            return policy.name().text() + "/" + use.name().text();
        }
    }

    /** A group's name, in {@code group "NAME"} or {@code requester in group "NAME"}. */
    record Group(Literal.Str name) implements Target {
        public Loc loc() {
            return name.loc();
        }
    }

    /** A user id, in {@code user "ID"}. */
    record User(Literal.Str id) implements Target {
        public Loc loc() {
            return id.loc();
        }
    }

    /** The innermost target at code-point {@code offset} (a position just after a name still counts). */
    static Optional<Target> at(PolicyFile file, int offset) {
        Target[] best = new Target[1];
        java.util.function.Consumer<Target> consider = t -> {
            Loc l = t.loc();
            if (l.start() <= offset && offset <= l.end()
                    && (best[0] == null || l.end() - l.start() < best[0].loc().end() - best[0].loc().start())) {
                best[0] = t;
            }
        };
        AstWalk.walk(file, new AstWalk.Visitor() {
            @Override
            public void declaration(Policy policy, Kind kind, Name name, Object node) {
                String id = kind == Kind.POLICY ? name.text() : policy.name().text() + "/" + name.text();
                consider.accept(new Declared(kind, id, name, policy, node));
            }

            @Override
            public void path(Policy policy, Path path) {
                consider.accept(new Attribute(policy, path));
            }

            @Override
            public void windowUse(Policy policy, Expr.WindowRef.Named use) {
                consider.accept(new WindowUse(policy, use));
            }

            @Override
            public void approver(Policy policy, Approver approver) {
                if (approver instanceof Approver.Group g) {
                    consider.accept(new Group(g.name()));
                } else if (approver instanceof Approver.User u) {
                    consider.accept(new User(u.id()));
                }
            }

            @Override
            public void inGroup(Policy policy, Expr.InGroup test) {
                consider.accept(new Group(test.group()));
            }
        });
        return Optional.ofNullable(best[0]);
    }

    /** The target at a protocol position of a parsed file. */
    static Optional<Target> at(io.countersign.lsp.workspace.ParsedFile file, org.eclipse.lsp4j.Position position) {
        return file.ast().flatMap(ast -> at(ast, file.lines().codePointOffset(position)));
    }
}
