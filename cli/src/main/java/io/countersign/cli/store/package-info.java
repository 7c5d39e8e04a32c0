/** {@code countersign store ...}: where requests live, and the options every command that reads them shares. */
package io.countersign.cli.store;
