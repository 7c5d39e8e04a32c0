package io.countersign.cli.policy;

import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The policy files of a directory as they were at a git revision, read with the {@code git} command
 * ({@code ls-tree}, then {@code show REV:PATH}); each keeps the path the working tree gives it, so
 * that both sides of a diff order their files alike.
 */
final class GitTree {

    /** Why a revision could not be read, in a sentence. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private GitTree() {
    }

    static List<SourceFile> read(Path dir, String revision) throws Failure {
        if (revision.startsWith("-")) {
            throw new Failure("--base " + revision + ": not a revision");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new Failure(dir + ": no such directory");
        }
        String top = new String(git(real, "rev-parse", "--show-toplevel"), StandardCharsets.UTF_8).trim();
        Path root = Path.of(top);
        String prefix = root.relativize(real).toString().replace('\\', '/');
        byte[] listing = git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", prefix.isEmpty() ? "." : prefix);
        List<SourceFile> out = new ArrayList<>();
        for (String name : new String(listing, StandardCharsets.UTF_8).split("\u0000")) {
            if (!name.endsWith(PolicySources.EXTENSION)) {
                continue;
            }
            byte[] bytes = git(root, "show", revision + ":" + name);
            Path shown = dir.resolve(root.resolve(name).toString().substring(real.toString().length())
                    .replaceFirst("^[/\\\\]", "")).normalize();
            out.add(new SourceFile(shown.toString(), utf8(bytes, shown + " at " + revision)));
        }
        if (out.isEmpty()) {
            throw new Failure("no " + PolicySources.EXTENSION + " files under " + dir + " at " + revision);
        }
        return out;
    }

    private static String utf8(byte[] bytes, String what) throws Failure {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new Failure(what + ": not valid UTF-8 text");
        }
    }

    private static byte[] git(Path dir, String... args) throws Failure {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new Failure("cannot run git: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            byte[] out = readAll(p.getInputStream());
            String err = new String(readAll(p.getErrorStream()), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Failure("git " + args[0] + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new Failure("git " + args[0] + " failed: " + (err.isEmpty() ? "exit " + p.exitValue() : err));
            }
            return out;
        } catch (IOException e) {
            throw new Failure("git " + args[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while running git");
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
