/**
 * The {@link io.countersign.engine.store.Store} on DynamoDB: one table (DATA.md), its indexes,
 * conditional and transactional writes; and DynamoDB Local, embedded in a class loader of its own, for
 * the default that needs no cloud account.
 */
package io.countersign.store.dynamodb;
