/** {@code countersign policy ...}: commands that work on policy files. */
package io.countersign.cli.policy;
