package io.countersign.lang.ast;

import java.util.List;

/** One {@code .policy} file: its policies in order, and its comments for the formatter. */
public record PolicyFile(String path, List<Policy> policies, List<Comment> comments) {
    public PolicyFile {
        policies = List.copyOf(policies);
        comments = List.copyOf(comments);
    }
}
