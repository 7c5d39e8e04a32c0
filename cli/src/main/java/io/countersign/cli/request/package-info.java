/**
 * The life of a request on the command line: {@code request}, {@code list}, {@code show}, the actions
 * ({@code approve}, {@code deny}, {@code delegate}, {@code escalate}, {@code cancel}, {@code revoke}),
 * {@code sweep} and the gateway's question, {@code access}. One class per command; each opens the store,
 * does one thing and closes it.
 */
package io.countersign.cli.request;
