package io.countersign.engine.signing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM armour ({@code -----BEGIN LABEL-----}): the format openssl and ssh-keygen read. */
final class Pem {

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** Every block with this label, in order; text outside the blocks (comments) is ignored. */
    static List<byte[]> decode(String label, String text) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = text.indexOf(begin, from);
            if (b < 0) {
                return out;
            }
            int e = text.indexOf(end, b);
            if (e < 0) {
                throw new IllegalArgumentException("a '" + begin + "' block has no end line");
            }
            String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
            try {
                out.add(Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("a '" + begin + "' block is not base64", bad);
            }
            from = e + end.length();
        }
    }
}
