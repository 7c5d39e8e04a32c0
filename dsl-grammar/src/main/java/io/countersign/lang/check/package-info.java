/**
 * The checker: everything LANGUAGE.md calls a compile error (names, types, windows, zones, dates,
 * regexes, quorums, clauses an outcome may not carry) and its warnings. It reports every finding of
 * a policy set in one run, each at the offending text.
 */
package io.countersign.lang.check;
