/**
 * {@code countersign keys}: the signing keys people decide with — the private half under the home
 * directory, the public half in the policy repository for review.
 */
package io.countersign.cli.keys;
