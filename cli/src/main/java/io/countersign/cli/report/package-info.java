/**
 * {@code countersign report}: the engine's analytics ({@link io.countersign.engine.report}) printed as
 * text, JSON, CSV or one self-contained HTML page with inline SVG charts.
 */
package io.countersign.cli.report;
