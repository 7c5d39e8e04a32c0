/**
 * Who belongs to which group, and each user's attributes: the {@link io.countersign.engine.directory.Directory}
 * SPI a gateway backs with its identity provider, and the {@code directory.yaml} the CLI reads.
 */
package io.countersign.engine.directory;
