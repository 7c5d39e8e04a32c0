/**
 * The engine as the server holds it: the policy set in force (swapped atomically on reload, calls in
 * flight finishing on the set they started with) and the workflow over the store.
 */
package io.countersign.server.engine;
