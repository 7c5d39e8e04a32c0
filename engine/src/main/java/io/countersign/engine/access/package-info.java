/** The gateway's question on every call: may this person use this profile now? */
package io.countersign.engine.access;
