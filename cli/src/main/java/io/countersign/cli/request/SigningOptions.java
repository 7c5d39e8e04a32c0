package io.countersign.cli.request;

import io.countersign.cli.Main;
import io.countersign.cli.keys.KeyPassphrase;
import io.countersign.cli.keys.KeyPaths;
import io.countersign.engine.signing.KeyFileException;
import io.countersign.engine.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --key FILE}: the private key a person's decision is signed with. */
public final class SigningOptions {

    @Option(names = "--key", paramLabel = "FILE",
            description = "Sign the action (request, decision, cancellation) with this private key (default:"
                    + " HOME/keys/USER.key when it exists, made by 'countersign keys init'). Without a key the action is unsigned, which only a policy"
                    + " saying 'allow unsigned decisions' accepts. An encrypted key's passphrase comes from"
                    + " COUNTERSIGN_KEY_PASSPHRASE, else it is asked on the terminal.")
    Path key;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /**
     * The acting user's key: {@code --key}, else the home's key file when there is one; null when
     * {@code user} is null (nobody named to sign for) or has no key here. A key that cannot be used is bad
     * input, which {@link LifecycleCommand} reports naming the file.
     *
     * @throws KeyFileException naming the file when {@code --key} is missing or a key file is unreadable
     */
    SigningKey signer(Path home, String user) throws KeyFileException {
        if (user == null) {
            return null;
        }
        Path file = key != null ? key : new KeyPaths(home, home).privateKey(user);
        if (key == null && !Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file, "no such key file");
        }
        try {
            return SigningKey.read(file, KeyPassphrase.of(Main.environment(command)));
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileException(file, String.valueOf(e.getMessage()));
        }
    }
}
