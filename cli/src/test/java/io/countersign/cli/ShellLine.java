package io.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a README command block, read as a shell reads the few forms the README uses: words with
 * single and double quotes, {@code "$VAR"}, a trailing {@code # comment}, {@code VAR=$(command)}, {@code
 * echo 'TEXT' | command}, {@code command >> FILE} and {@code a && b}. Anything else is refused, so an
 * example in a form the test cannot run fails it instead of passing unrun.
 */
record ShellLine(String assignTo, String stdin, String appendTo, List<List<String>> commands, String comment) {

    private static final Pattern ASSIGN = Pattern.compile("([A-Za-z_]\\w*)=\\$\\((.*)\\)");
    private static final Pattern ECHO = Pattern.compile("echo '([^']*)'\\s*\\|\\s*(.*)");
    private static final Pattern APPEND = Pattern.compile("(.*?)\\s*>>\\s*(\\S+)");
    private static final Pattern EXIT = Pattern.compile("\\(exit (\\d)\\)");

    /** The exit the comment announces, {@code (exit N)}; 0 when it announces none. */
    int expectedExit() {
        Matcher m = EXIT.matcher(comment);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static ShellLine parse(String line, Map<String, String> variables) {
        String[] split = splitComment(line);
        String code = split[0].strip();
        String comment = split[1];
        String assignTo = null;
        String stdin = null;
        String appendTo = null;
        Matcher m = ASSIGN.matcher(code);
        if (m.matches()) {
            assignTo = m.group(1);
            code = m.group(2).strip();
        }
        m = ECHO.matcher(code);
        if (m.matches()) {
            stdin = m.group(1) + "\n";
            code = m.group(2).strip();
        }
        m = APPEND.matcher(code);
        if (m.matches()) {
            code = m.group(1);
            appendTo = m.group(2);
        }
        List<List<String>> commands = new ArrayList<>();
        for (String part : code.split("\\s+&&\\s+")) {
            List<String> words = words(part, variables);
            if (words.isEmpty() || !words.get(0).equals("./countersign")) {
                throw new IllegalArgumentException("not a form the README test runs: " + line);
            }
            commands.add(words.subList(1, words.size()));
        }
        return new ShellLine(assignTo, stdin, appendTo, commands, comment);
    }

    /** The code and the comment: a {@code #} that starts a word outside quotes starts the comment. */
    static String[] splitComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return new String[] {line.substring(0, i), line.substring(i + 1).strip()};
            }
        }
        return new String[] {line, ""};
    }

    static List<String> words(String code, Map<String, String> variables) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = code.indexOf('\'', i + 1);
                word.append(code, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = code.indexOf('"', i + 1);
                word.append(expand(code.substring(i + 1, end), variables));
                i = end;
            } else if (c == '$') {
                int end = i + 1;
                while (end < code.length() && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
                    end++;
                }
                word.append(expand(code.substring(i, end), variables));
                i = end - 1;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    private static String expand(String text, Map<String, String> variables) {
        Matcher m = Pattern.compile("\\$([A-Za-z_]\\w*)").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("$" + m.group(1) + " is not set by an earlier line of the README");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
