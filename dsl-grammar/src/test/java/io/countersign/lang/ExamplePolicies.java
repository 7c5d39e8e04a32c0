package io.countersign.lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Real policy text for the properties to start from: the LANGUAGE.md example and copies of the
 * files in {@code policies/} (test resources, so this module does not read outside itself).
 */
final class ExamplePolicies {

    static final List<String> TEXTS = List.of("/language-example.policy", "/policies/break-glass.policy",
            "/policies/business-hours.policy", "/policies/contractors.policy", "/policies/database.policy",
            "/policies/production.policy").stream().map(ExamplePolicies::resource).toList();

    private ExamplePolicies() {
    }

    private static String resource(String name) {
        try (InputStream in = ExamplePolicies.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
