package io.countersign.lang.parse;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Complies;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the AST from a parse tree that has no syntax errors, decoding literals on the way.
 * A malformed literal (bad escape, time out of range, number too large, duration written out of
 * order) is reported here, at the literal, and replaced by a harmless value so building goes on
 * and every such mistake in the file is reported in one run.
 *
 * <p>This class builds the policies, their items, rules, outcomes, stages and clauses; conditions and windows
 * are {@link ExprsToAst}'s, literals {@link LiteralsToAst}'s.
 */
final class CstToAst {

    private final AstLocs locs;
    private final LiteralsToAst literals;
    private final ExprsToAst exprs;

    CstToAst(TextToCst.TokenLocs locs, List<Diagnostic> diagnostics) {
        this.locs = new AstLocs(locs, diagnostics);
        this.literals = new LiteralsToAst(this.locs);
        this.exprs = new ExprsToAst(this.locs, literals);
    }

    PolicyFile file(FileContext ctx, List<Comment> comments) {
        List<Policy> policies = new ArrayList<>();
        for (PolicyContext p : ctx.policy()) {
            policies.add(policy(p));
        }
        return new PolicyFile(locs.file(), policies, comments);
    }

    private Policy policy(PolicyContext ctx) {
        List<Item> items = new ArrayList<>();
        for (ItemContext i : ctx.item()) {
            items.add(item(i));
        }
        return new Policy(locs.name(ctx.name()), items, locs.loc(ctx));
    }

    private Item item(ItemContext ctx) {
        if (ctx instanceof DescriptionItemContext d) {
            return new Item.Description(literals.string(d.STRING()), locs.loc(ctx));
        } else if (ctx instanceof ScopeItemContext s) {
            return new Item.Scope(exprs.expr(s.expr()), locs.loc(ctx));
        } else if (ctx instanceof DefaultItemContext d) {
            return new Item.Default(outcome(d.outcome()), locs.loc(ctx));
        } else if (ctx instanceof WindowItemContext w) {
            return new Item.WindowDecl(locs.name(w.name()), exprs.window(w.window()), locs.loc(ctx));
        } else if (ctx instanceof RiskItemContext r) {
            long magnitude = literals.integer(r.INT());
            if (magnitude > Integer.MAX_VALUE) {
                locs.error(Code.RISK_WEIGHT_RANGE, locs.loc(r.INT().getSymbol()), "risk weight " + r.INT().getText()
                        + " is out of range: weights run from -100 to +100");
                magnitude = 0;
            }
            int weight = (int) magnitude;
            return new Item.RiskFactor(locs.name(r.name()), r.sign.getType() == PolicyLexer.MINUS ? -weight : weight,
                    exprs.expr(r.expr()), locs.loc(ctx));
        } else if (ctx instanceof UnsignedItemContext) {
            return new Item.AllowUnsigned(locs.loc(ctx));
        } else if (ctx instanceof StartWithinItemContext s) {
            return new Item.AllowStartWithin(literals.duration(s.DURATION()), locs.loc(ctx));
        } else if (ctx instanceof RuleItemContext r) {
            return rule(r.ruleDecl());
        }
        throw new IllegalStateException("unhandled item " + ctx.getClass().getSimpleName());
    }

    private Item.Rule rule(RuleDeclContext ctx) {
        Optional<Literal.Str> description = Optional.ofNullable(ctx.STRING()).map(literals::string);
        List<Complies> complies = new ArrayList<>();
        for (CompliesDeclContext c : ctx.compliesDecl()) {
            List<Literal.Str> controls = new ArrayList<>();
            c.STRING().forEach(s -> controls.add(literals.string(s)));
            complies.add(new Complies(controls, locs.loc(c)));
        }
        Optional<Expr> when = Optional.ofNullable(ctx.expr()).map(exprs::expr);
        return new Item.Rule(locs.name(ctx.name()), description, complies, when, outcome(ctx.outcome()), locs.loc(ctx));
    }

    private Outcome outcome(OutcomeContext ctx) {
        if (ctx instanceof ApproveOutcomeContext a) {
            return new Outcome.Approve(clauses(a.clause()), locs.loc(ctx));
        } else if (ctx instanceof DenyOutcomeContext d) {
            return new Outcome.Deny(literals.string(d.STRING()), clauses(d.clause()), locs.loc(ctx));
        } else if (ctx instanceof RequireOutcomeContext r) {
            List<Stage> stages = new ArrayList<>();
            for (StageContext s : r.stage()) {
                stages.add(stage(s));
            }
            return new Outcome.RequireApproval(stages, clauses(r.clause()), locs.loc(ctx));
        }
        throw new IllegalStateException("unhandled outcome " + ctx.getClass().getSimpleName());
    }

    private Stage stage(StageContext ctx) {
        Quorum quorum;
        if (ctx.quorum() instanceof CountQuorumContext c) {
            long n = literals.integer(c.INT());
            if (n > Integer.MAX_VALUE) {
                locs.error(Code.QUORUM, locs.loc(c.INT().getSymbol()), "a quorum of " + c.INT().getText() + " cannot be met");
                n = 1;
            }
            quorum = new Quorum.Count((int) n, locs.loc(c));
        } else {
            quorum = new Quorum.All(locs.loc(ctx.quorum()));
        }
        return new Stage(quorum, approvers(ctx.approvers()), Optional.ofNullable(ctx.expr()).map(exprs::expr),
                locs.loc(ctx));
    }

    private List<Approver> approvers(ApproversContext ctx) {
        List<Approver> out = new ArrayList<>();
        for (ApproverContext a : ctx.approver()) {
            if (a instanceof UserApproverContext u) {
                out.add(new Approver.User(literals.string(u.STRING()), locs.loc(a)));
            } else if (a instanceof GroupApproverContext g) {
                out.add(new Approver.Group(literals.string(g.STRING()), locs.loc(a)));
            } else if (a instanceof PathApproverContext p) {
                out.add(new Approver.FromPath(exprs.path(p.path()), locs.loc(a)));
            }
        }
        return out;
    }

    private List<Clause> clauses(List<ClauseContext> ctxs) {
        List<Clause> out = new ArrayList<>();
        for (ClauseContext c : ctxs) {
            out.add(clause(c));
        }
        return out;
    }

    private Clause clause(ClauseContext ctx) {
        Loc loc = locs.loc(ctx);
        if (ctx instanceof AppealClauseContext c) {
            return new Clause.Appeal(approvers(c.approvers()), loc);
        } else if (ctx instanceof EscalateClauseContext c) {
            return new Clause.Escalate(literals.duration(c.DURATION()), approvers(c.approvers()), loc);
        } else if (ctx instanceof ExpireClauseContext c) {
            return new Clause.Expire(literals.duration(c.DURATION()), loc);
        } else if (ctx instanceof SelfApprovalClauseContext) {
            return new Clause.AllowSelfApproval(loc);
        } else if (ctx instanceof NoDelegationClauseContext) {
            return new Clause.NoDelegation(loc);
        } else if (ctx instanceof CapClauseContext c) {
            return new Clause.CapDuration(literals.duration(c.DURATION()), loc);
        } else if (ctx instanceof GrantOnlyClauseContext c) {
            return new Clause.GrantOnly(literals.list(c.list()), loc);
        } else if (ctx instanceof ReviewClauseContext c) {
            return new Clause.Review(literals.duration(c.DURATION()), loc);
        } else if (ctx instanceof ConditionClauseContext c) {
            return new Clause.Condition(locs.name(c.name()), literals.literal(c.literal()), loc);
        } else if (ctx instanceof StipulateClauseContext c) {
            return new Clause.Stipulate(literals.string(c.STRING()), loc);
        } else if (ctx instanceof FollowUpClauseContext c) {
            return new Clause.FollowUp(literals.string(c.STRING()), literals.duration(c.DURATION()), loc);
        } else if (ctx instanceof RenewableClauseContext) {
            return new Clause.Renewable(loc);
        }
        throw new IllegalStateException("unhandled clause " + ctx.getClass().getSimpleName());
    }
}
