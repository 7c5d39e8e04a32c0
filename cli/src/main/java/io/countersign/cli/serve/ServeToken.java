package io.countersign.cli.serve;

import io.countersign.server.auth.ApiTokens;
import io.countersign.server.auth.Scope;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign serve token}. */
@Command(name = "token",
        header = "Make an API token for a gateway and print its server.yaml entry.",
        mixinStandardHelpOptions = true,
        description = {
            "Make a new API token and print it once, with the server.yaml entry that holds only its SHA-256.",
            "Scopes: decide, access (gateways), lifecycle (acts as --subject), admin (reload, sweep)."},
        footer = {"",
            "Examples:",
            "  countersign serve token --name envoy --scope decide --scope access",
            "",
            "Exit codes: 0 success, 2 bad input."})
public final class ServeToken implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the token is for, in logs.")
    String name;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE", split = ",",
            description = "decide, access, lifecycle or admin; repeat for more.")
    List<String> scopes;

    @Option(names = "--subject", paramLabel = "USER", description = "The user lifecycle actions act as.")
    String subject;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String s : scopes) {
            try {
                Scope.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (scopes.stream().anyMatch(s -> s.trim().equalsIgnoreCase("lifecycle")) && subject == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the lifecycle scope needs --subject");
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || subject != null && !subject.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name and --subject are plain names");
        }
        String token = ApiTokens.generate();
        var out = spec.commandLine().getOut();
        out.println("token: " + token);
        out.println("# server.yaml, under tokens: (the token itself is shown only now)");
        out.println("  - name: " + name);
        out.println("    sha256: " + ApiTokens.sha256(token));
        out.println("    scopes: [" + String.join(", ", scopes.stream().map(String::trim).toList()) + "]");
        if (subject != null) {
            out.println("    subject: " + subject);
        }
        return 0;
    }
}
