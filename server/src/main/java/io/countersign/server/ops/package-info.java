/** The operations surface: Prometheus metrics, JSON logs with request ids, decision logs, policy reload. */
package io.countersign.server.ops;
