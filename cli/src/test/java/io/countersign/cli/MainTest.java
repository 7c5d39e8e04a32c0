package io.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void everyCommandHelpShowsAWorkedExample() {
        for (String[] args : new String[][] {{"--help"}, {"policy", "--help"}, {"policy", "check", "--help"},
            {"policy", "fmt", "--help"}, {"policy", "test", "--help"}, {"policy", "explain", "--help"},
            {"policy", "compile", "--help"}, {"policy", "bench", "--help"}, {"request", "--help"}, {"list", "--help"},
            {"show", "--help"}, {"approve", "--help"}, {"deny", "--help"}, {"delegate", "--help"},
            {"escalate", "--help"}, {"cancel", "--help"}, {"revoke", "--help"}, {"sweep", "--help"},
            {"access", "--help"}, {"store", "--help"}, {"store", "init", "--help"}, {"store", "export", "--help"},
            {"store", "import", "--help"}, {"notify", "--help"},
            {"notify", "run", "--help"}, {"notify", "failed", "--help"}, {"notify", "retry", "--help"},
            {"audit", "--help"}, {"audit", "verify", "--help"}, {"audit", "log", "--help"}, {"keys", "--help"},
            {"keys", "init", "--help"}}) {
            Run run = Run.of(args);
            assertEquals(0, run.exit(), String.join(" ", args));
            assertTrue(run.out().contains("Example"), String.join(" ", args) + " help has no example:\n" + run.out());
        }
    }

    @Test
    void unknownOptionIsBadInputWithoutAStackTrace() {
        Run run = Run.of("policy", "check", "--frobnicate", "x");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown option '--frobnicate'"), run.err());
        assertFalse(run.err().contains("at io.countersign"), run.err());
    }

    @Test
    void missingCommandIsBadInput() {
        assertEquals(2, Run.of().exit());
        assertEquals(2, Run.of("policy").exit());
        assertTrue(Run.of("policy").err().contains("check, fmt, test"));
    }

    @Test
    void aMistypedCommandOrOptionGetsDidYouMean() {
        Run command = Run.of("reqest", "--as", "frank");
        assertEquals(2, command.exit());
        assertTrue(command.err().startsWith("countersign: unknown command 'reqest': did you mean request"), command.err());
        Run sub = Run.of("policy", "chek");
        assertTrue(sub.err().startsWith("countersign: unknown command 'chek': did you mean check"), sub.err());
        // the mistyped option is named, not the required option it was meant to be
        Run option = Run.of("request", "--profle", "prod-admin", "--duration", "1h");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("countersign: unknown option '--profle': did you mean --profile?"),
                option.err());
    }
}
