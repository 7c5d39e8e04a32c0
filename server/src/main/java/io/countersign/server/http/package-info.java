/** What every endpoint shares: bounded strict JSON bodies, RFC 9457 problem documents, request ids. */
package io.countersign.server.http;
