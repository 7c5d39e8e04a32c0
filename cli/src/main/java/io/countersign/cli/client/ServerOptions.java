package io.countersign.cli.client;

import io.countersign.cli.Main;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --server URL}: talk to a server instead of opening a store. */
public final class ServerOptions {

    /** Where {@code countersign login} keeps the token, in the home directory. */
    public static final String TOKEN_FILE = "token";

    @Option(names = "--server", paramLabel = "URL",
            description = "Talk to this Countersign server instead of a store (env COUNTERSIGN_SERVER); the token"
                + " comes from COUNTERSIGN_TOKEN or 'countersign login'.")
    String server;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** Whether a server is named (by the option or the environment). */
    public boolean named() {
        String url = server != null ? server : Main.environment(command).apply("COUNTERSIGN_SERVER");
        return url != null && !url.isBlank();
    }

    /** The server's client, when a server is named; the token from the environment, else the login's file. */
    public Optional<ServerClient> client(Path home) {
        Function<String, String> env = Main.environment(command);
        String url = server != null ? server : env.apply("COUNTERSIGN_SERVER");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '--server': " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "Invalid value for option '--server': '" + url + "' is not an http(s) URL");
        }
        String token = env.apply("COUNTERSIGN_TOKEN");
        if (token == null || token.isBlank()) {
            try {
                Path file = home.resolve(TOKEN_FILE);
                token = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
            } catch (IOException e) {
                token = null;
            }
        }
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "no token for " + uri + ": set COUNTERSIGN_TOKEN or run 'countersign login'");
        }
        return Optional.of(new ServerClient(uri, token.strip()));
    }
}
