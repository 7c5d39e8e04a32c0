package io.countersign.cli.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.countersign.cli.Main;
import io.countersign.engine.notify.Notifiers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --notify NAME[,NAME…]} and {@code --notify-config FILE}: which notifiers a delivering command
 * uses. Without {@code --notify} (or {@code COUNTERSIGN_NOTIFY}) every section of the config file is one;
 * without a config file and without names there are none. The file is {@code notify.yaml} in the home
 * directory, not beside the policies: the policies are the same in every deployment, where events go is
 * not — and {@code notify run} reads no policies.
 */
public final class NotifyOptions {

    /** The config file's name in the home directory. */
    public static final String FILE = "notify.yaml";

    @Option(names = "--notify", paramLabel = "NAME", split = ",",
            description = "The notifiers to deliver with: webhook, sns (env COUNTERSIGN_NOTIFY; default: every section"
                + " of the notify config).")
    List<String> names;

    @Option(names = "--notify-config", paramLabel = "FILE",
            description = "The notifiers' settings (env COUNTERSIGN_NOTIFY_CONFIG; default: notify.yaml in the home"
                + " directory, when it exists). Secrets never go here: they come from the environment.")
    Path file;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** Whether notifiers were asked for on the command line ({@code --notify} or {@code --notify-config}). */
    public boolean named() {
        return names != null && !names.isEmpty() || file != null;
    }

    /**
     * The configured notifiers, possibly none; null after printing what is wrong with their configuration
     * in one line (the caller exits 2).
     *
     * @param home where {@code notify.yaml} is looked for when no file is named
     */
    public ConfiguredNotifiers configure(Path home, PrintWriter err) {
        Function<String, String> env = Main.environment(command);
        List<String> wanted = new ArrayList<>();
        List<String> given = names != null ? names : List.of(nonNull(env.apply("COUNTERSIGN_NOTIFY")).split(","));
        for (String n : given) {
            if (!n.isBlank()) {
                wanted.add(n.trim());
            }
        }
        Path config = file;
        if (config == null && env.apply("COUNTERSIGN_NOTIFY_CONFIG") != null
                && !env.apply("COUNTERSIGN_NOTIFY_CONFIG").isBlank()) {
            config = Path.of(env.apply("COUNTERSIGN_NOTIFY_CONFIG").trim());
        }
        if (config != null && !Files.isRegularFile(config)) {
            // Named on purpose, so its absence is a mistake; the default file is optional.
            err.println("countersign: notify config " + config + " is not a file");
            return null;
        }
        if (config == null) {
            config = home.resolve(FILE);
        }
        try {
            return new ConfiguredNotifiers(Notifiers.configure(wanted, config, env));
        } catch (IllegalArgumentException e) {
            // The providers name the notifier and the setting: "webhook notifier: 'url' is not set (...)".
            err.println("countersign: " + oneLine(e.getMessage()));
        } catch (MismatchedInputException e) {
            err.println("countersign: notify config " + config + " is not a map of notifier sections, such as"
                    + " webhook: {url: https://...}");
        } catch (JsonProcessingException e) {
            // The parser's own message spans lines and quotes the text back: the place says enough.
            err.println("countersign: notify config " + config + " is not valid YAML"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            err.println("countersign: notify config " + oneLine(String.valueOf(e.getMessage())));
        }
        return null;
    }

    /** Where the notifiers are configured, in words, for a message that says none are. */
    public String where(Path home) {
        return "name one with --notify NAME (or COUNTERSIGN_NOTIFY), or give it a section in "
                + (file != null ? file : home.resolve(FILE));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
