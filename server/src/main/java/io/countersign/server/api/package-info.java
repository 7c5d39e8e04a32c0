/**
 * The versioned JSON API: decisions for gateways ({@code /v1/decide}, {@code /v1/access} and their
 * batch forms), the request lifecycle, and the operations endpoints; documented in {@code openapi.json}.
 */
package io.countersign.server.api;
