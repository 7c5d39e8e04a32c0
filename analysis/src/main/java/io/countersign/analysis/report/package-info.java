/** Findings as reviewers read them: codes, severities, positions and examples, in text, JSON, SARIF and GitHub annotations. */
package io.countersign.analysis.report;
