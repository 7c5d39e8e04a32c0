package io.countersign.cli.policy;

import io.countersign.engine.drools.DroolsEvaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign policy compile --emit drl DIR}. */
@Command(name = "compile",
        mixinStandardHelpOptions = true,
        description = {
            "Compile the policy set under DIR and print what was generated: with --emit drl, the Drools",
            "rules the engine runs (one per scope, risk factor, rule and conditioned stage), each with",
            "the condition it came from as a comment. The knowledge base is built, so a set that prints",
            "here is a set the engine runs."},
        footer = {"",
            "Example:",
            "  $ countersign policy compile --emit drl policies/ | less",
            "  // profile == \"prod-admin\"",
            "  rule \"production/admin\"",
            "  when",
            "      $f : Facts( profile == \"prod-admin\" )",
            "  then",
            "      $f.findings.rule(1, 1);",
            "  end",
            "",
            "Exit codes: 0 compiled, 2 invalid policies."})
public final class PolicyCompile implements Callable<Integer> {

    /** What to print. */
    enum Emit {
        drl
    }

    @Parameters(paramLabel = "DIR", description = "The policy directory.")
    Path dir;

    @Option(names = "--emit", paramLabel = "WHAT", defaultValue = "drl", description = "drl (default).")
    Emit emit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadedPolicies loaded = LoadedPolicies.of(dir, spec.commandLine().getErr());
        if (loaded == null) {
            return 2;
        }
        spec.commandLine().getOut().print(new DroolsEvaluator(loaded.set()).drl());
        return 0;
    }
}
