package io.countersign.engine.contract;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's policies and directory ({@code policies/} beside this class): frank is an ordinary
 * engineer whose manager is dave; alice, bob and erin lead SRE (alice is also on call); grace is
 * security on-call; dave heads a department; carol is a contractor. They travel inside the engine's
 * test-jar, so they are copied out of the class path into a directory of their own once per JVM: the
 * policy loader and the directory read files.
 */
public final class TestPolicies {

    private static final List<String> FILES = List.of("directory.yaml", "finance.policy", "payments.policy",
            "production.policy", "sox.policy", "vault.policy");

    private static Path dir;
    private static Authorizer authorizer;

    private TestPolicies() {
    }

    /** The directory the policies were copied to; removed when the JVM exits. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("countersign-contract-policies");
                List<Path> made = new ArrayList<>();
                for (String name : FILES) {
                    try (InputStream in = TestPolicies.class.getResourceAsStream("policies/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("the test-jar lacks policies/" + name);
                        }
                        Path f = d.resolve(name);
                        Files.copy(in, f);
                        made.add(f);
                    }
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        for (Path f : made) {
                            Files.deleteIfExists(f);
                        }
                        Files.deleteIfExists(d);
                    } catch (IOException e) {
                        // a leftover temporary directory is harmless
                    }
                }));
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static PolicySet policySet() {
        try (var files = Files.walk(dir())) {
            List<Path> paths = files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
            return PolicySet.load(paths);
        } catch (IOException | PolicySetException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Directory directory() {
        try {
            return YamlDirectory.in(dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiled once: the authorizer is thread-safe, and compiling the set per test would cost seconds each. */
    public static synchronized Authorizer authorizer() {
        if (authorizer == null) {
            authorizer = Authorizer.of(policySet());
        }
        return authorizer;
    }

    /** A workflow over {@code store} that decides by these policies at the time {@code clock} says. */
    public static Workflow workflow(Store store, TestClock clock) {
        return new Workflow(authorizer(), store, directory(), clock);
    }
}
