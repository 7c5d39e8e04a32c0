package io.countersign.analysis.report;

/** How findings are written: for people, programs, code-scanning tools (SARIF 2.1.0) or GitHub Actions annotations. */
public enum Format {
    text, json, sarif, github
}
