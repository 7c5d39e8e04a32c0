package io.countersign.cli.notify;

import io.countersign.engine.notify.Notifier;
import java.util.List;

/** The notifiers a command was configured with, closed with it (an SNS client holds connections). */
public record ConfiguredNotifiers(List<Notifier> notifiers) implements AutoCloseable {

    public ConfiguredNotifiers {
        notifiers = List.copyOf(notifiers);
    }

    /** None configured: nothing is delivered, and nothing is said about delivery. */
    public boolean isEmpty() {
        return notifiers.isEmpty();
    }

    /** Their names, comma-separated, for what a command prints. */
    public String names() {
        return String.join(", ", notifiers.stream().map(Notifier::name).toList());
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Notifier n : notifiers) {
            try {
                n.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
