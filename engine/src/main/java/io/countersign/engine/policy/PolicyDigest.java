package io.countersign.engine.policy;

import io.countersign.lang.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest of a policy set, {@code sha256:HEX} over each file's name and text (length-prefixed, in
 * the set's order): the {@code policyVersion} a decision records. Files are named by their place in the
 * policy directory, so the same policies give the same digest wherever the directory lies.
 */
public final class PolicyDigest {

    private PolicyDigest() {
    }

    /**
     * The digest {@link PolicySet#of(List, Map)} gives these sources, without compiling them: for finding, among
     * many revisions of a policy directory, the one a decision names.
     */
    public static String of(List<SourceFile> sources, Map<String, String> names) {
        List<SourceFile> sorted = new ArrayList<>(sources);
        sorted.sort(java.util.Comparator.comparing(SourceFile::path));
        List<String> digestNames = new ArrayList<>();
        for (SourceFile s : sorted) {
            digestNames.add(names == null ? s.path() : names.getOrDefault(s.path(), s.path()));
        }
        return of(sorted, digestNames);
    }

    /** The digest over sources already in the set's order, each named by {@code names} at the same place. */
    static String of(List<SourceFile> sources, List<String> names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < sources.size(); i++) {
                SourceFile s = sources.get(i);
                byte[] path = names.get(i).getBytes(StandardCharsets.UTF_8);
                byte[] text = s.text().getBytes(StandardCharsets.UTF_8);
                sha.update(lengthPrefix(path.length));
                sha.update(path);
                sha.update(lengthPrefix(text.length));
                sha.update(text);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** The path of a policy file inside the directory (among {@code roots}) that holds it, with {@code /}. */
    public static String relativeName(List<Path> roots, Path file) {
        Path f = file.toAbsolutePath().normalize();
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            if (java.nio.file.Files.isDirectory(root) && f.startsWith(r) && !f.equals(r)) {
                return r.relativize(f).toString().replace(java.io.File.separatorChar, '/');
            }
        }
        return file.getFileName().toString();
    }
}
