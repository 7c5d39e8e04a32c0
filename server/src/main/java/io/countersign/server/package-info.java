/**
 * {@code countersign serve}: the decision and lifecycle API over HTTP (Javalin on Jetty), its
 * authentication, its operations surface (health, metrics, decision logs, policy reload) and the outbox
 * dispatcher. {@link io.countersign.server.CountersignServer} puts the parts together.
 */
package io.countersign.server;
