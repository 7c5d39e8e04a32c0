package io.countersign.lang.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.CharBuffer;

/**
 * Reads the text files a command is given — policies, tests, the directory, requests, keys, settings —
 * with one bound on their size and strict UTF-8, so that no file can exhaust memory and no byte is
 * silently replaced. Every failure is an {@link IOException} whose message starts with the file's
 * name and says in words what is wrong: {@code policies/big.policy: too large (6.6 MB; a file may
 * have at most 4 MiB)}, {@code r.json: not valid UTF-8 text (byte 17)}.
 */
public final class TextFiles {

    /** The largest file any command reads: far beyond any policy set, directory or request people write. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private TextFiles() {
    }

    /** The file's text (a leading byte-order mark dropped). */
    public static String read(Path file) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file.toString(), size);
            }
            // A file that grows while it is read is still cut at the bound.
            bytes = readAll(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /** What {@code in} holds, up to the bound: standard input, named {@code name} in messages. */
    public static String read(InputStream in, String name) throws IOException {
        return decode(readAll(in, name), name);
    }

    private static byte[] readAll(InputStream in, String name) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(name, -1);
            }
            return bytes;
        }
    }

    /** Strict UTF-8; the message names the first byte that is not. */
    public static String decode(byte[] bytes, String name) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new IOException(name + ": not valid UTF-8 text (byte " + (in.position() + 1)
                    + "): save it as UTF-8");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static IOException tooLarge(String name, long size) {
        String was = size < 0 ? "more than " + MAX_BYTES / (1024 * 1024) + " MiB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", size / 1e6);
        return new IOException(name + ": too large (" + was + "; a file may have at most "
                + MAX_BYTES / (1024 * 1024) + " MiB)");
    }
}
