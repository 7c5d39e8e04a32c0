package io.countersign.lsp.text;

/**
 * Text from policies, test files and requests shown in hovers: editors render hovers as Markdown, so
 * what an author or a requester wrote is escaped and never becomes a link, an image or markup.
 */
public final class Markdown {

    private Markdown() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    /** Inline code: fenced with more backticks than the text holds in a row. */
    public static String code(String text) {
        int run = 0;
        int longest = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String body = text.replace('\n', ' ').replace('\r', ' ');
        return fence + (body.startsWith("`") || body.endsWith("`") ? " " + body + " " : body) + fence;
    }

    /** A fenced block of policy text, fenced with more backticks than it holds in a row. */
    public static String block(String text) {
        int run = 0;
        int longest = 2;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + "countersign\n" + text.stripTrailing() + "\n" + fence;
    }
}
