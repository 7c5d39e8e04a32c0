/**
 * What the engine stores and every part reads: the stored request with its stages and approvals, its
 * status, its first version as policy makes it, and the principals stages name. Beneath the workflow
 * (which writes it), the access check and the store SPI (which read it), so that none of those imports
 * another.
 */
package io.countersign.engine.model;
