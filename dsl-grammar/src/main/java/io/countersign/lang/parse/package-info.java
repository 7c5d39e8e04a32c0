/**
 * From text to the AST, in two stages named as they are in Cedar: {@link io.countersign.lang.parse.TextToCst}
 * runs the ANTLR lexer and parser and turns their complaints into diagnostics in a policy author's
 * words; {@link io.countersign.lang.parse.CstToAst} turns the parse tree into records and decodes
 * literals (escapes, durations, times, dates), reporting malformed ones. {@link io.countersign.lang.parse.Parser}
 * runs both.
 */
package io.countersign.lang.parse;
