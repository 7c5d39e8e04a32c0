package io.countersign.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Checker;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The checker judges any tree the parser can produce: on sets of generated policies (type errors,
 * unknown attributes, duplicates across files, bad zones and regexes, all mixed) it reports and
 * never throws, whether it gets the trees as generated or as read back from their formatted text.
 */
class CheckerRobustnessProperties {

    @Provide
    Arbitrary<List<PolicyFile>> sets() {
        return PolicyArbitraries.files().list().ofMinSize(1).ofMaxSize(2);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void checkingNeverThrows(@ForAll("sets") List<PolicyFile> set) {
        List<SourceFile> sources = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            sources.add(new SourceFile("gen-" + i + ".policy", Formatter.format(set.get(i))));
        }
        Frontend.Result result = Frontend.compile(sources);
        assertEquals(set.size(), result.files().size(), "formatted text always parses");
        for (SourceFile source : sources) {
            ParserRobustnessProperties.assertPointIntoSource(source,
                    result.diagnostics().stream().filter(d -> d.loc().file().equals(source.path())).toList());
        }
        result.render();

        // The generated trees themselves, positions Loc.NONE, as a program that builds ASTs would pass
        // them: the same findings, since the formatted text reads back as the same trees.
        List<Diagnostic> direct = Checker.check(set);
        assertEquals(result.diagnostics().size(), direct.size(),
                () -> "checking the trees and checking their text disagree:\n" + direct + "\n" + result.render());
    }
}
