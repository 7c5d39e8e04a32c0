package io.countersign.cli.policy;

/** {@code --output}: for people or for programs. */
public enum OutputFormat {
    text, json
}
