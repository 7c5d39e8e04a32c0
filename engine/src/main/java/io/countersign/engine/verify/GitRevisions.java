package io.countersign.engine.verify;

import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicyDigest;
import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every revision of a policy directory in its git history, read with {@code git} the command: for each
 * commit that touched the directory, its {@code .policy} files and {@code directory.yaml}, indexed by
 * the digests a decision records. Nothing is compiled until a decision names a revision.
 */
final class GitRevisions {

    /** One revision's files: the policies by their path inside the directory, and the directory's bytes. */
    record Revision(String commit, Map<String, String> policies, byte[] directory) {

        String policyDigest() {
            List<SourceFile> sources = new ArrayList<>();
            policies.forEach((name, text) -> sources.add(new SourceFile(name, text)));
            return PolicyDigest.of(sources, Map.of());
        }
    }

    private GitRevisions() {
    }

    /** Every revision of {@code dir}, newest first. */
    static List<Revision> read(Path dir) throws IOException {
        String prefix = git(dir, "rev-parse", "--show-prefix").strip();
        List<Revision> out = new ArrayList<>();
        for (String commit : git(dir, "log", "--format=%H", "--", ".").split("\n")) {
            if (commit.isBlank()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String full : git(dir, "ls-tree", "-r", "--name-only", "--full-name", commit, "--", ".").split("\n")) {
                String name = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
                if (name.endsWith(PolicySources.EXTENSION) || name.equals(YamlDirectory.FILE)) {
                    names.add(name);
                }
            }
            Map<String, byte[]> blobs = blobs(dir, commit, prefix, names);
            Map<String, String> policies = new LinkedHashMap<>();
            byte[] directory = null;
            for (String name : names) {
                if (name.equals(YamlDirectory.FILE)) {
                    directory = blobs.get(name);
                } else {
                    policies.put(name, text(blobs.get(name), commit, name));
                }
            }
            out.add(new Revision(commit, policies, directory));
        }
        return out;
    }

    /** The files' contents at {@code commit}, from one {@code git cat-file --batch}. */
    private static Map<String, byte[]> blobs(Path dir, String commit, String prefix, List<String> names)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Process p = start(dir, "cat-file", "--batch");
        try (OutputStream in = p.getOutputStream()) {
            for (String n : names) {
                in.write((commit + ":" + prefix + n + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        try (InputStream o = p.getInputStream()) {
            for (String n : names) {
                String header = line(o);
                String[] parts = header.split(" ");
                if (parts.length != 3 || !parts[1].equals("blob")) {
                    throw new IOException("git cat-file: " + header);
                }
                byte[] content = o.readNBytes(Integer.parseInt(parts[2]));
                o.read(); // the newline after each object
                out.put(n, content);
            }
        }
        finish(p, "cat-file");
        return out;
    }

    private static String text(byte[] bytes, String commit, String name) throws IOException {
        try {
            String t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return t.startsWith("\uFEFF") ? t.substring(1) : t;
        } catch (CharacterCodingException e) {
            throw new IOException(name + " at " + commit + ": not valid UTF-8 text", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("git cat-file ended early");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String git(Path dir, String... args) throws IOException {
        Process p = start(dir, args);
        p.getOutputStream().close();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        finish(p, args[0]);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("cannot run git (--history reads the policy directory's history with it): "
                    + e.getMessage(), e);
        }
    }

    private static void finish(Process p, String what) throws IOException {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + what + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                String err;
                try (InputStream e = p.getErrorStream()) {
                    err = new String(e.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
                throw new IOException("git " + what + " failed: " + (err.isEmpty() ? "exit " + p.exitValue()
                        : err.lines().findFirst().orElse(err)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the git history", e);
        }
    }
}
