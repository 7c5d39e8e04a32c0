/**
 * The {@link io.countersign.engine.store.Store} on DynamoDB: one table (DATA.md), its indexes,
 * conditional and transactional writes, for teams on AWS. Its tests run the store contract against a
 * strict DynamoDB test server in the test sources.
 */
package io.countersign.store.dynamodb;
