/** The access request: who asks for what, for how long, why, and in which context; and its validation. */
package io.countersign.engine.request;
