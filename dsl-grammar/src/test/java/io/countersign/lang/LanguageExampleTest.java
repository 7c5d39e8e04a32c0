package io.countersign.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The complete example of LANGUAGE.md parses, checks clean, and is already in canonical layout. */
class LanguageExampleTest {

    static String example() throws IOException {
        try (InputStream in = LanguageExampleTest.class.getResourceAsStream("/language-example.policy")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesAndChecksClean() throws IOException {
        Frontend.Result result = Frontend.compile(List.of(new SourceFile("example.policy", example())));
        assertEquals("", result.render(), "the example must have no diagnostics");
        PolicyFile file = result.files().get(0);
        assertEquals(1, file.policies().size());
        assertEquals("production", file.policies().get(0).name().text());
        assertEquals(List.of("oncall-readonly", "admin", "contractors-not-admin", "read-subset"),
                file.policies().get(0).rules().stream().map(r -> r.name().text()).toList());
        assertEquals(4, file.policies().get(0).items().stream().filter(Item.RiskFactor.class::isInstance).count());
    }

    @Test
    void isAFixedPointOfTheFormatter() throws IOException {
        String text = example();
        Frontend.Result result = Frontend.compile(List.of(new SourceFile("example.policy", text)));
        assertTrue(result.diagnostics().isEmpty());
        assertEquals(text, Formatter.format(result.files().get(0), text));
    }
}
