package io.countersign.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The formatter writes what the parser reads: for any syntactically valid tree, the formatted text
 * parses without a diagnostic back to the same tree (positions aside), and formatting that tree
 * again gives the same text. Text with comments anywhere formats to text with the same tree and
 * the same comments, and formatting that is a fixed point too.
 */
class FormatRoundTripProperties {

    @Provide
    Arbitrary<PolicyFile> files() {
        return PolicyArbitraries.files();
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void formattedTextParsesBackToTheSameTree(@ForAll("files") PolicyFile ast) {
        String text = Formatter.format(ast);
        Parser.Result parsed = parse(text);
        assertEquals(List.of(), parsed.diagnostics(), () -> "diagnostics for the formatted text:\n" + text);
        assertEquals(Positions.strip(ast), Positions.strip(parsed.file().orElseThrow()),
                () -> "the formatted text reads back as another tree:\n" + text);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void formattingIsAFixedPoint(@ForAll("files") PolicyFile ast) {
        String text = Formatter.format(ast);
        PolicyFile parsed = parse(text).file().orElseThrow();
        assertEquals(text, Formatter.format(parsed, text), "format(parse(format(ast))) != format(ast)");
        assertEquals(text, Formatter.format(parsed), "format(parse(format(ast))) without source != format(ast)");
    }

    @Property(tries = 800, edgeCases = EdgeCasesMode.NONE)
    void commentsSurviveFormatting(@ForAll("commented") String text) {
        Parser.Result original = parse(text);
        assertEquals(List.of(), original.diagnostics(), "comments and line breaks between tokens keep text valid");
        PolicyFile before = original.file().orElseThrow();
        String formatted = Formatter.format(before, text);

        Parser.Result reparsed = parse(formatted);
        assertEquals(List.of(), reparsed.diagnostics(), () -> "diagnostics for the formatted text:\n" + formatted);
        PolicyFile after = reparsed.file().orElseThrow();
        assertEquals(Positions.strip(before), Positions.strip(after),
                () -> "formatting changed the tree:\n" + formatted);
        assertEquals(comments(before), comments(after), () -> "formatting lost or reordered comments:\n" + formatted);
        assertEquals(formatted, Formatter.format(after, formatted), "formatting twice differs from once");
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void lineBreaksFormatAlikeInEveryStyle(@ForAll("commented") String text) {
        String lf = text.replace("\r\n", "\n");
        String expected = Formatter.format(parse(lf).file().orElseThrow(), lf);
        for (String style : List.of("\r\n", "\r")) {
            String styled = lf.replace("\n", style);
            assertEquals(expected, Formatter.format(parse(styled).file().orElseThrow(), styled),
                    () -> "formatting text with " + style.replace("\r", "\\r").replace("\n", "\\n")
                            + " line breaks differs");
        }
    }

    /** Policy text with comments, blank lines and line breaks put between its tokens. */
    @Provide
    Arbitrary<String> commented() {
        Arbitrary<String> seeds = PolicyArbitraries.weighted(List.of(
                Tuple.of(3, Arbitraries.of(ExamplePolicies.TEXTS)), Tuple.of(1, PolicyArbitraries.policies()
                        .map(p -> Formatter.format(new PolicyFile("gen.policy", List.of(p), List.of()))))));
        Arbitrary<String> insert = Arbitraries.of("# note\n", " # trailing note\n", "\n# own line\n",
                "\n\n# after a gap\n\n", "#\n", "# tab\tand \u00fcnicode \u2603   \n", "# \"quoted\" {braces} # hash\n",
                "\n", "\n\n", "\r\n", "\t", "  ");
        Arbitrary<Tuple.Tuple2<Integer, String>> insertion = PolicyArbitraries.combine(
                Arbitraries.integers().greaterOrEqual(0), insert).as(Tuple::of);
        return PolicyArbitraries.combine(seeds, insertion.list().ofMinSize(1).ofMaxSize(8)).as((seed, insertions) -> {
            List<String> tokens = new ArrayList<>(ParserRobustnessProperties.Mutation.tokens(seed));
            for (Tuple.Tuple2<Integer, String> i : insertions) {
                tokens.add(i.get1() % (tokens.size() + 1), i.get2());
            }
            return String.join("", tokens);
        });
    }

    private static Parser.Result parse(String text) {
        return Parser.parse(new SourceFile("gen.policy", text));
    }

    /** The comments' text in order; the formatter drops trailing blanks. */
    private static List<String> comments(PolicyFile file) {
        return file.comments().stream().map(Comment::text).map(String::stripTrailing).toList();
    }
}
