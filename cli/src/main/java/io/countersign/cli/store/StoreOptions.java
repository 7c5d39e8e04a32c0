package io.countersign.cli.store;

import io.countersign.cli.Main;

import io.countersign.store.dynamodb.StoreLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the store is, for every command that reads or writes requests. With neither an endpoint nor a
 * region it is the embedded default: one SQLite file under the home directory, nothing to install or
 * start.
 */
public final class StoreOptions {

    @Option(names = "--dynamodb-endpoint", paramLabel = "URI", defaultValue = "${env:COUNTERSIGN_DYNAMODB_ENDPOINT}",
            description = "A DynamoDB endpoint other than AWS's (env COUNTERSIGN_DYNAMODB_ENDPOINT).")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:COUNTERSIGN_REGION}",
            description = "The AWS region of the table (env COUNTERSIGN_REGION). Without an endpoint or a region the"
                + " store is the embedded one.")
    String region;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "${env:COUNTERSIGN_TABLE:-countersign}",
            description = "The DynamoDB table (env COUNTERSIGN_TABLE; default: countersign).")
    String table;

    /**
     * Where a command's home is when {@code --home} does not say. Tests cannot set environment variables
     * in-process: the system property is their way in.
     */
    public static final String HOME = "${sys:countersign.home:-${env:COUNTERSIGN_HOME:-${sys:user.home}/.countersign}}";

    @Option(names = "--home", paramLabel = "DIR", defaultValue = HOME,
            description = "The embedded store (DIR/countersign.db), the signing keys and notify.yaml"
                + " (system property countersign.home, env COUNTERSIGN_HOME; default: ~/.countersign).")
    Path home;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The home directory: the embedded store's file, the signing keys, and where {@code notify.yaml} is looked for. */
    public Path home() {
        return home.toAbsolutePath();
    }

    /** The location these options name; a malformed endpoint is a bad option value. */
    public Location location() {
        URI uri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                uri = new URI(endpoint.trim());
            } catch (URISyntaxException e) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "Invalid value for option '--dynamodb-endpoint': " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "Invalid value for option '--dynamodb-endpoint': '" + endpoint
                                + "' is not an absolute URI such as http://localhost:8000");
            }
        }
        String r = region == null || region.isBlank() ? null : region.trim();
        if (uri == null && r == null) {
            return new Location.Embedded(home(), Main.environment(command));
        }
        return new Location.DynamoDb(new StoreLocation(uri, r, table, home()), Main.environment(command));
    }
}
