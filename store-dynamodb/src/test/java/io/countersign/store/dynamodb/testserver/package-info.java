/**
 * A strict DynamoDB test double ({@link io.countersign.store.dynamodb.testserver.StrictDynamoTestServer}):
 * DynamoDB's JSON protocol on loopback for the operations and expressions the store uses, each behaviour
 * traced in its tests to the DynamoDB API Reference. Test code only; never shipped.
 */
package io.countersign.store.dynamodb.testserver;
