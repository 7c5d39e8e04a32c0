package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Countersign;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding" example, exactly as the README shows it: cut out of README.md, compiled
 * with the JDK's compiler against the test class path, and run against a real policy directory and
 * SQLite store. A README edit that no longer compiles or behaves fails here.
 */
class ReadmeEmbeddingTest {

    private static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              rule oncall-readonly {
                when profile == "prod-readonly" and requester in group "oncall"
                then approve
              }
            }
            """;

    @TempDir
    static Path dir;
    static Method example;

    /** The first java block after the README's "## Embedding" heading. */
    static String snippet() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("\n## Embedding\n");
        assertTrue(section >= 0, "the README has an Embedding section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @BeforeAll
    static void compile() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/readme"));
        Files.writeString(src.resolve("Example.java"), """
                package readme;

                import io.countersign.engine.Countersign;
                import io.countersign.engine.Reload;
                import io.countersign.engine.access.AccessAnswer;
                import io.countersign.engine.access.AccessQuestion;
                import io.countersign.store.sqlite.SqliteStore;
                import java.nio.file.Path;
                import java.util.function.Consumer;

                public final class Example {
                    public static Countersign run(Path policyRepository, Path home, String user,
                            Consumer<String> refuse, Consumer<String> log) {
                """ + snippet() + """
                        return cs;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, null, null, List.of("-Xlint:all", "-Werror", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.resolve("Example.java")))
                .call();
        assertTrue(ok, "the README example compiles: " + out);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeEmbeddingTest.class.getClassLoader());
        example = loader.loadClass("readme.Example").getMethod("run", Path.class, Path.class, String.class,
                Consumer.class, Consumer.class);
    }

    @Test
    void theExampleIsAGatewayOfAtMostFifteenLines() throws IOException {
        assertTrue(snippet().lines().count() <= 15, snippet());
    }

    @Test
    void theExampleAllowsRefusesAndKeepsAPolicySetThatChecksClean() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("production.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), "users:\n  ivan: {groups: [oncall]}\n  frank: {groups: []}\n");
        Path home = Files.createDirectories(dir.resolve("home"));

        List<String> refused = new ArrayList<>();
        List<String> logged = new ArrayList<>();
        run(policies, home, "ivan", refused, logged);
        assertEquals(List.of(), refused, "ivan is on call: allowed at once");
        assertEquals(List.of(), logged, "the same policies reload clean");

        // frank is refused; meanwhile someone pushes a broken policy, which the reload then keeps out.
        Consumer<String> refuseAndBreak = reason -> {
            refused.add(reason);
            try {
                Files.writeString(policies.resolve("production.policy"), POLICY.replace("requester in group",
                        "user.name in"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        run(policies, home, "frank", refuseAndBreak, logged);
        assertEquals(1, refused.size(), "frank is not on call: refused, with the reason");
        assertEquals(1, logged.size(), "the broken set is reported, not swapped in");
        assertTrue(logged.get(0).contains("production.policy:4:"), logged.get(0));
    }

    private static void run(Path policies, Path home, String user, List<String> refused, List<String> logged)
            throws Exception {
        run(policies, home, user, (Consumer<String>) refused::add, logged);
    }

    private static void run(Path policies, Path home, String user, Consumer<String> refuse, List<String> logged)
            throws Exception {
        Consumer<String> log = logged::add;
        Countersign cs = (Countersign) example.invoke(null, policies, home, user, refuse, log);
        cs.close();
        cs.store().orElseThrow().close();
    }
}
