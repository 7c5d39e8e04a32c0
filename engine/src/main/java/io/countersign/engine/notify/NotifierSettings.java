package io.countersign.engine.notify;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A notifier's settings: its section of {@code notify.yaml}, then the environment
 * ({@code COUNTERSIGN_<NAME>_<KEY>}, e.g. {@code COUNTERSIGN_WEBHOOK_URL}). Secrets come only from the
 * environment: {@link #secret} never reads the file, so a secret cannot be committed by accident.
 */
public record NotifierSettings(String notifier, Map<String, String> file, Function<String, String> environment) {

    public NotifierSettings {
        file = Map.copyOf(file);
    }

    public Optional<String> get(String key) {
        String v = file.get(key);
        return v != null ? Optional.of(v) : Optional.ofNullable(environment.apply(envName(key)));
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(notifier + " notifier: '" + key
                + "' is not set (in notify.yaml, or " + envName(key) + ")"));
    }

    /** A positive number of seconds ({@code timeout-seconds}, say), or {@code otherwise} when it is not set. */
    public java.time.Duration seconds(String key, long otherwise) {
        String value = get(key).orElse(null);
        if (value == null) {
            return java.time.Duration.ofSeconds(otherwise);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return java.time.Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, naming the setting
        }
        throw new IllegalArgumentException(notifier + " notifier: '" + key + "' is not a positive number of seconds: '"
                + value + "'");
    }

    /** A secret, from the environment only. */
    public Optional<String> secret(String key) {
        if (file.containsKey(key)) {
            throw new IllegalArgumentException(notifier + " notifier: '" + key + "' is a secret and may not be"
                    + " written in notify.yaml: set " + envName(key) + " instead");
        }
        return Optional.ofNullable(environment.apply(envName(key)));
    }

    public String envName(String key) {
        return ("COUNTERSIGN_" + notifier + "_" + key).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
