package io.countersign.lang.parse;

import io.countersign.lang.grammar.PolicyLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** ANTLR's recovery, with messages rewritten as "unexpected X; expected Y" in plain words. */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        Token t = e.getOffendingToken();
        String message;
        if (t.getType() == PolicyLexer.ASSIGN) {
            message = "unexpected '='; to compare, write '=='";
        } else if (e.getStartToken() != null && e.getStartToken().getTokenIndex() < t.getTokenIndex()) {
            // The parser could not tell what the text from the start token on was meant to be; the
            // expected set of the start would mislead, so name where it went wrong.
            message = "unexpected " + TokenNames.found(t) + " after " + TokenNames.found(e.getStartToken());
        } else {
            message = "unexpected " + TokenNames.found(t) + "; expected "
                    + TokenNames.expected(recognizer.getExpectedTokens()) + controlsHint(t, recognizer.getExpectedTokens());
        }
        recognizer.notifyErrorListeners(t, message, e);
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        Token t = e.getOffendingToken();
        recognizer.notifyErrorListeners(t, "unexpected " + TokenNames.found(t) + "; expected "
                + TokenNames.expected(e.getExpectedTokens()) + controlsHint(t, e.getExpectedTokens()), e);
    }

    @Override
    protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
        Token t = e.getOffendingToken();
        recognizer.notifyErrorListeners(t, "unexpected " + TokenNames.found(t), e);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(t, "unexpected " + TokenNames.found(t) + "; expected "
                + TokenNames.expected(getExpectedTokens(recognizer)) + controlsHint(t, getExpectedTokens(recognizer)),
                null);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(t, "expected " + TokenNames.expected(getExpectedTokens(recognizer))
                + " before " + TokenNames.found(t), null);
    }

    /**
     * Where a {@code complies} line may go on, a bare word or number was most likely meant as a
     * control: say that controls are strings.
     */
    private static String controlsHint(Token t, IntervalSet expected) {
        boolean bare = t.getType() == PolicyLexer.NAME || t.getType() == PolicyLexer.BAD_NAME
                || t.getType() == PolicyLexer.INT || t.getType() == PolicyLexer.DECIMAL;
        return bare && expected.contains(PolicyLexer.COMPLIES)
                ? " (a control is a string: complies \"SOX-404\")" : "";
    }
}
