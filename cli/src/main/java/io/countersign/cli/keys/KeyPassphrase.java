package io.countersign.cli.keys;

import io.countersign.engine.signing.KeyFileException;
import io.countersign.engine.signing.SigningKey;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The passphrase of a private key file: from {@code COUNTERSIGN_KEY_PASSPHRASE}, else asked on the
 * terminal. Never an option: a command line is visible to every user of the machine ({@code ps}) and
 * lands in shell history.
 */
public final class KeyPassphrase {

    public static final String VARIABLE = "COUNTERSIGN_KEY_PASSPHRASE";

    /** Shorter than this is refused for a new key: the encryption is only as strong as the passphrase. */
    static final int MINIMUM = 8;

    private KeyPassphrase() {
    }

    /** For reading a key: asked only when the file is encrypted. */
    public static SigningKey.Passphrase of(Function<String, String> env) {
        return file -> {
            String given = env.apply(VARIABLE);
            if (given != null && !given.isEmpty()) {
                return given.toCharArray();
            }
            Console console = System.console();
            char[] typed = console == null ? null : console.readPassword("Passphrase for %s: ", file);
            if (typed == null) {
                throw new KeyFileException(file, "the key is encrypted: set " + VARIABLE
                        + ", or run the command on a terminal to be asked");
            }
            return typed;
        };
    }

    /**
     * For a new key: the variable, else typed twice on the terminal.
     *
     * @throws KeyFileException naming the file when there is none, the two differ, or it is too short
     */
    static char[] forNew(Function<String, String> env, Path file) throws KeyFileException {
        String given = env.apply(VARIABLE);
        char[] chosen;
        if (given != null && !given.isEmpty()) {
            chosen = given.toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new KeyFileException(file, "--passphrase needs " + VARIABLE + ", or a terminal to ask on");
            }
            chosen = console.readPassword("New passphrase for %s: ", file);
            char[] again = console.readPassword("The same again: ");
            boolean same = chosen != null && Arrays.equals(chosen, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                throw new KeyFileException(file, "the two passphrases differ; nothing was written");
            }
        }
        if (chosen.length < MINIMUM) {
            Arrays.fill(chosen, '\0');
            throw new KeyFileException(file, "a passphrase of fewer than " + MINIMUM + " characters protects little;"
                    + " nothing was written");
        }
        return chosen;
    }
}
