package io.countersign.cli.policy;

import io.countersign.engine.drools.DroolsEvaluator;
import io.countersign.cli.text.JsonLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy compile --emit drl DIR}. */
@Command(name = "compile",
        mixinStandardHelpOptions = true,
        header = "Compile the policy set and print the Drools rules the engine runs.",
        description = {"Compile the policy set under DIR and print what was generated: with --emit drl, the Drools "
                + "rules the engine runs (one per scope, risk factor, rule and conditioned stage), each with the "
                + "condition it came from as a comment. The knowledge base is built, so a set that prints here is "
                + "a set the engine runs."},
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
            "  $ countersign policy compile --output json",
            "  {\"emit\":\"drl\",\"text\":\"...\"}",
            "",
            "Exit codes: 0 compiled, 2 invalid policies."})
public final class PolicyCompile implements Callable<Integer> {

    /** What to print. */
    enum Emit {
        drl
    }

    @Option(names = "--emit", paramLabel = "WHAT", defaultValue = "drl", description = "drl (default).")
    Emit emit;

    @CommandLine.Mixin
    PolicyDir policies;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() {
        LoadedPolicies loaded = LoadedPolicies.of(policies.path(), output.err());
        if (loaded == null) {
            return 2;
        }
        String drl = new DroolsEvaluator(loaded.set()).drl();
        if (output.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("emit", emit.name());
            o.put("text", drl);
            output.out().println(JsonLine.of(o));
        } else {
            output.out().print(drl);
        }
        return 0;
    }
}
