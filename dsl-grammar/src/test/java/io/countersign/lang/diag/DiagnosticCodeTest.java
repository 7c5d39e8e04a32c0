package io.countersign.lang.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.Frontend;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every diagnostic carries a stable code a program branches on, and the docs list every code. */
class DiagnosticCodeTest {

    private static Code codeOf(String policy) {
        List<Diagnostic> ds = Frontend.compile(List.of(new SourceFile("p.policy", policy))).diagnostics();
        assertEquals(1, ds.size(), () -> ds.toString());
        return ds.get(0).code();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "policy p { rule r { when user.name == \"x\" then approve } }|UNKNOWN_ATTRIBUTE",
        "policy p { rule r { when profile == 3 then approve } }|TYPE_MISMATCH",
        "policy p { rule r { when profile == \"a\" then approve } rule r { when profile == \"b\" then approve } }|DUPLICATE",
        "policy p { rule r { when now during office then approve } }|UNDEFINED_WINDOW",
        "policy p { rule r { when profile matches regex \"(\" then approve } }|INVALID_REGEX",
        "policy p { rule r { when profile == \"a\" then deny \"\" } }|EMPTY_TEXT",
        "policy p { rule r { complies \"\" then approve } }|EMPTY_TEXT",
        "policy p { rule r { complies then approve } }|BAD_CONTROL",
        "policy p { rule r { complies \" SOX-404\" then approve } }|BAD_CONTROL",
        "policy p { rule r { complies \"SOX-404\" \"sox-404\" then approve } }|DUPLICATE",
        "policy p { rule r { when profile == then approve } }|SYNTAX",
        "policy p { rule r { when profile == \"a\" then require approval from all of group \"g\" } }|QUORUM",
    })
    void eachKindOfProblemHasItsCode(String policy, Code expected) {
        assertEquals(expected, codeOf(policy));
    }

    @Test
    void theDocsListEveryCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "api.md"));
        for (Code c : Code.values()) {
            assertTrue(doc.contains("`" + c.name() + "`"), "docs/api.md does not list " + c);
        }
    }
}
