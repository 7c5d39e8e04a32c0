/**
 * {@code policy replay}: the store's recorded requests decided again by another policy set, at their
 * own instants, streamed page by page; how many decisions change, how, and which requests show it.
 */
package io.countersign.analysis.replay;
