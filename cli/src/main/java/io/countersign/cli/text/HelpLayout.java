package io.countersign.cli.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * How every command's help is laid out, the same for all:
 * <ul>
 * <li>{@code Usage: countersign request --profile=PROFILE --duration=DURATION [OPTIONS]}: the required
 * options, then the rest as {@code [OPTIONS]}, then the positional parameters;</li>
 * <li>the description as paragraphs (lines of the source joined, empty lines between paragraphs), wrapped
 * to the terminal's width at spaces only, so no word, value or option is split;</li>
 * <li>the options in one order on every command: the command's own, then {@code --as}, the policies,
 * the key, the notifiers, the store, {@code --output}, and help and version last;</li>
 * <li>the footer's indented lines (examples and what they print) exactly as written, never wrapped,
 * so an example pasted from help runs as shown; its prose wrapped like the description;</li>
 * <li>in lists of commands, each command's one-line summary (its {@code header}), whole.</li>
 * </ul>
 */
public final class HelpLayout {

    /** Shared options by their place in every help; a command's own options come before them all. */
    private static final List<String> SHARED = List.of("--as", "--policies", "--key", "--notify", "--notify-config",
            "--dynamodb-endpoint", "--region", "--table", "--home", "--output", "--help", "--version");

    private HelpLayout() {
    }

    /** Applies the layout to {@code cli} and every subcommand below it. */
    public static void apply(CommandLine cli) {
        cli.setUsageHelpAutoWidth(true);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpLayout::synopsis);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> wrap(help.commandSpec().usageMessage().description(), width(help), false));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> help.optionList(help.createDefaultLayout(), ORDER, help.parameterLabelRenderer()));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> wrap(help.commandSpec().usageMessage().footer(), width(help), true));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        cli.setHelpSectionMap(sections);
        cli.getSubcommands().values().forEach(HelpLayout::apply);
    }

    private static int width(CommandLine.Help help) {
        return help.commandSpec().usageMessage().width();
    }

    /** The command's own options in the order declared, then the shared ones in their fixed order. */
    static final Comparator<OptionSpec> ORDER = Comparator.comparingInt(o -> {
        int i = SHARED.indexOf(o.longestName());
        return i < 0 ? -1 : i;
    });

    private static String synopsis(CommandLine.Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder s = new StringBuilder(spec.qualifiedName());
        List<OptionSpec> options = new ArrayList<>(spec.options());
        options.sort(ORDER);
        boolean optional = false;
        for (OptionSpec o : options) {
            if (o.hidden()) {
                continue;
            }
            if (o.required()) {
                s.append(' ').append(o.longestName()).append(o.arity().max() > 0 ? "=" + o.paramLabel() : "");
            } else {
                optional = true;
            }
        }
        if (optional) {
            s.append(" [OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
            s.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        if (!spec.subcommands().isEmpty()) {
            s.append(" COMMAND");
        }
        // The heading ("Usage: ") is its own section, printed before this one.
        int heading = help.synopsisHeading().length();
        return wrapLine(s.toString(), width(help) - heading, " ".repeat(heading + spec.qualifiedName().length() + 1))
                + "\n";
    }

    private static String commands(CommandLine.Help help) {
        Map<String, CommandLine> subs = help.commandSpec().subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int w = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
        String indent = " ".repeat(w + 4);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            if (e.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            String line = "  " + e.getKey() + " ".repeat(w - e.getKey().length() + 2) + summary(e.getValue().getCommandSpec());
            out.append(wrapLine(line, width(help), indent)).append('\n');
        }
        return out.toString();
    }

    /** A command's one-line summary: its header, else the first sentence of its description. */
    public static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0 && !header[0].isBlank()) {
            return header[0];
        }
        String d = String.join(" ", spec.usageMessage().description()).strip();
        int end = d.indexOf(". ");
        return end < 0 ? d : d.substring(0, end + 1);
    }

    /**
     * Lines as paragraphs: consecutive prose lines joined and wrapped at spaces to {@code width}; empty
     * lines kept; with {@code verbatim}, indented lines (examples) and headings ending in a colon kept as written.
     */
    static String wrap(String[] lines, int width, boolean verbatim) {
        if (lines.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            boolean kept = verbatim && (line.startsWith(" ") || line.strip().endsWith(":"));
            if (line.isBlank() || kept) {
                flush(paragraph, width, out);
                out.append(kept ? line.stripTrailing() : "").append('\n');
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        flush(paragraph, width, out);
        return out.toString();
    }

    private static void flush(StringBuilder paragraph, int width, StringBuilder out) {
        if (paragraph.length() > 0) {
            out.append(wrapLine(paragraph.toString(), width, "")).append('\n');
            paragraph.setLength(0);
        }
    }

    /** One line wrapped at spaces to {@code width}, continuation lines indented; a longer word stays whole. */
    static String wrapLine(String text, int width, String indent) {
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        StringBuilder out = new StringBuilder(text.substring(0, lead));
        int column = lead;
        boolean first = true;
        for (String word : text.substring(lead).split(" ", -1)) {
            if (!first && !word.isEmpty() && column + 1 + word.length() > width) {
                out.append('\n').append(indent);
                column = indent.length();
            } else if (!first) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            first = false;
        }
        return out.toString();
    }
}
