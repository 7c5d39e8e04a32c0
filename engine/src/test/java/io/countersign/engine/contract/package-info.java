/**
 * The store contract: what every {@link io.countersign.engine.store.Store} must do, as abstract test
 * classes ({@code *Contract}) that a store module runs against its own store. A store is correct when it
 * passes all of them. They drive the real workflow over the store (every transition and refusal,
 * listings and cursors, a flood of pending requests, sixteen threads racing over a thousand requests, the
 * seed scenario, signed decisions, the outbox and dead letters, moving a whole store out and in), call the
 * store's SPI directly where the workflow cannot reach, and tamper with its records through
 * {@link io.countersign.engine.contract.RawRecords}.
 *
 * <p>How a store module runs it:
 * <ol>
 *   <li>Depend on the engine's test-jar, whose only content is this package and its policies:
 *   <pre>{@code
 * <dependency>
 *   <groupId>io.countersign</groupId>
 *   <artifactId>engine</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>}</pre>
 *   (the version comes from the root pom's dependencyManagement).</li>
 *   <li>Write one {@link io.countersign.engine.contract.StoreFixture} in the module's test sources: a fresh,
 *   empty, isolated store per {@code open()} (a table or a database file of its own), {@code drop} to close
 *   and delete it, and {@code raw} giving the module's {@link io.countersign.engine.contract.RawRecords} over
 *   that store's records, past its API.</li>
 *   <li>Add one subclass per contract class, named so that surefire runs it, which only names the fixture:
 *   <pre>{@code
 * class SqliteApproveTest extends ApproveContract {
 *     @Override
 *     protected StoreFixture fixture() {
 *         return SqliteStoreFixture.INSTANCE;
 *     }
 * }}</pre>
 *   Every public abstract {@code *Contract} class of this package needs one; a subclass may add tests of
 *   what only its store can see (the DynamoDB module checks its status-index shards from
 *   {@link io.countersign.engine.contract.StatusIndexContract#afterFlood}).</li>
 * </ol>
 * The classes here are named {@code *Contract}, so the engine's own build compiles them (they run
 * nowhere there) and packs them into the test-jar. {@link io.countersign.engine.contract.TestPolicies}
 * copies the contract's policies out of the jar into a temporary directory: nothing reads {@code src/test}
 * paths, so the contract runs the same from any module.
 */
package io.countersign.engine.contract;
