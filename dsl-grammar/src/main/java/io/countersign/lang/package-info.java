/**
 * The front end of the policy language: read policy files, parse them, check them. The stages
 * live in their own packages ({@code source}, {@code parse}, {@code check}, {@code format},
 * {@code diag}); {@link io.countersign.lang.Frontend} runs them in order for a whole policy set.
 */
package io.countersign.lang;
