/**
 * The decision engine. Embedders enter through {@link io.countersign.engine.Countersign} (built once
 * from a policy directory and a store, or none; reloadable); {@link io.countersign.engine.Authorizer}
 * decides one request against one policy set. Beneath them: the request ({@code request}) and the
 * stored model ({@code model}), policies compiled to Drools ({@code drools}, {@code eval}) and the
 * decision procedure over compiled plans ({@code decide}), the reference evaluator that is its oracle
 * and explains decisions ({@code reference}), the workflow of a request, one class per transition
 * ({@code workflow}), the gateway's access check ({@code access}), the store SPI and its contract check
 * ({@code store}), signatures, seals and the verification of a record ({@code signing}, {@code seal},
 * {@code verify}), events and notifiers ({@code event}, {@code notify}), a record as read with what came
 * after its decisions — notifications delivered, audit notes ({@code readout}), export and import
 * ({@code transfer}), and the {@code policy test} runner ({@code policytest}).
 */
package io.countersign.engine;
