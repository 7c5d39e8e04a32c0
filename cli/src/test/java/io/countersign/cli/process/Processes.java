package io.countersign.cli.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts test drivers as real JVMs on the test's own class path. */
final class Processes {

    private Processes() {
    }

    /**
     * A JVM running {@code main} with {@code args}, its output in {@code out} and {@code err}. sqlite-jdbc
     * unpacks its native library into {@code scratch}: a killed process leaves its copy there, not in /tmp.
     */
    static Process start(Path scratch, Path out, Path err, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto",
                "-Dorg.sqlite.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
