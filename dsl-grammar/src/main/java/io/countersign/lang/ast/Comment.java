package io.countersign.lang.ast;

/** A {@code #} comment, text included, kept so the formatter can put it back where it was. */
public record Comment(String text, Loc loc) {
}
