package io.countersign.cli.lsp;

import io.countersign.lsp.Launch;
import io.countersign.lsp.diagnostics.DiagnosticSource;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign lsp}. */
@Command(name = "lsp",
        mixinStandardHelpOptions = true,
        description = {
            "Run the language server for policy files and *.test.yaml cases, speaking the Language Server",
            "Protocol over standard input and output: diagnostics as you type across the workspace's policy",
            "sets, formatting, hover, go to definition, references, completion, outline and code lenses that",
            "run test cases. Editors start it; a person seldom does. See docs/lsp.md."},
        footer = {"",
            "Examples:",
            "  countersign lsp                 # what the VS Code extension runs",
            "  countersign lsp --stdio         # the same, for editors that pass --stdio",
            "",
            "Exit codes: 0 after the client's shutdown and exit, 1 when the client left without them."})
public final class Lsp implements Callable<Integer> {

    @Option(names = "--stdio", description = "Talk over standard input and output (the default, and the only way).")
    boolean stdio;

    @Override
    public Integer call() throws InterruptedException {
        List<DiagnosticSource> sources = ServiceLoader.load(DiagnosticSource.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return Launch.serve(System.in, System.out, sources);
    }
}
