package io.countersign.cli.request;

import io.countersign.engine.store.StoreException;
import io.countersign.lang.text.Escape;

/**
 * A store failure in one line a person can act on. The AWS SDK explains a missing credential by listing
 * every provider of its chain and why each failed, some 1,500 characters: that becomes what to set.
 * Any other message keeps its first line, at most {@link #MAX} characters.
 */
public final class StoreProblem {

    static final int MAX = 300;
    private static final String NO_CREDENTIALS = "Unable to load credentials";

    private StoreProblem() {
    }

    public static String describe(StoreException e) {
        String message = String.valueOf(e.getMessage());
        int chain = message.indexOf(NO_CREDENTIALS);
        if (chain >= 0 || causedByMissingCredentials(e)) {
            String before = chain > 0 ? message.substring(0, chain) : message.lines().findFirst().orElse("") + ": ";
            return Escape.text(before.strip().replaceAll(":$", "")) + ": no AWS credentials found: set AWS_PROFILE, or"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or container role is"
                    + " available";
        }
        String line = message.lines().findFirst().orElse("");
        return Escape.text(line.length() > MAX ? line.substring(0, MAX) + "..." : line);
    }

    private static boolean causedByMissingCredentials(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_CREDENTIALS)) {
                return true;
            }
        }
        return false;
    }
}
