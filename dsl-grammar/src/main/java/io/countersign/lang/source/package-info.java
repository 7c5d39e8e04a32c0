/** Policy source text and where it came from: single files and directories searched for {@code *.policy}. */
package io.countersign.lang.source;
