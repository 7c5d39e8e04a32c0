/**
 * Who belongs to which group, and each user's attributes: the {@link io.countersign.engine.directory.Directory}
 * SPI a gateway backs with its identity provider, the {@code directory.yaml} the CLI reads, and the
 * {@link io.countersign.engine.directory.Principal}s policies name as approvers ({@code user:ID},
 * {@code group:NAME}), judged against it.
 */
package io.countersign.engine.directory;
