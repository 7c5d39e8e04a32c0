/** The {@code countersign} command: one class per subcommand, whose description is its {@code --help}. */
package io.countersign.cli;
