package io.countersign.cli;

import io.countersign.cli.audit.AuditCommand;
import io.countersign.cli.client.Login;
import io.countersign.cli.keys.KeysCommand;
import io.countersign.cli.lsp.Lsp;
import io.countersign.cli.notify.NotifyCommand;
import io.countersign.cli.policy.PolicyCommand;
import io.countersign.cli.report.ReportCommand;
import io.countersign.cli.request.Access;
import io.countersign.cli.request.Approve;
import io.countersign.cli.request.Cancel;
import io.countersign.cli.request.Delegate;
import io.countersign.cli.request.Deny;
import io.countersign.cli.request.Escalate;
import io.countersign.cli.request.FollowUpsCommand;
import io.countersign.cli.request.ListRequests;
import io.countersign.cli.request.Revoke;
import io.countersign.cli.request.Show;
import io.countersign.cli.request.Submit;
import io.countersign.cli.request.Sweep;
import io.countersign.cli.serve.Serve;
import io.countersign.cli.store.StoreCommand;
import io.countersign.cli.text.HelpLayout;
import io.countersign.cli.text.TerminalWriter;
import io.countersign.lang.text.Escape;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign}: policy-as-code approvals. */
@Command(name = "countersign",
        header = "Policy-as-code approvals.",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Policy-as-code approvals: write approval policies, check and test them, decide access requests,",
            "and carry requests through their life: request, approve in stages, use, revoke, expire."},
        footer = {"", "Examples:", "  countersign policy check policies/",
            "  countersign request --as ivan --profile prod-admin --duration 2h --ticket CHG-1 --justification \"Rotate credentials\"",
            "  countersign list --inbox --as alice",
            "  countersign notify run --notify webhook --until-idle",
            "  countersign audit verify", "",
            "Requests live in an embedded SQLite file under ~/.countersign (COUNTERSIGN_HOME) unless",
            "--region or --dynamodb-endpoint names a DynamoDB table.", "",
            "Exit codes: 0 success, 1 a refused action or a failed check, 2 bad input."})
public final class Main implements Runnable {

    /**
     * The commands by name, in the order the help lists them. The names are their {@code @Command} names
     * (CommandTreeTest holds them to it), written here so that finding the one a command line names reads
     * no annotations.
     */
    static final Map<String, Class<?>> COMMANDS;

    static {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        byName.put("policy", PolicyCommand.class);
        byName.put("request", Submit.class);
        byName.put("list", ListRequests.class);
        byName.put("show", Show.class);
        byName.put("approve", Approve.class);
        byName.put("deny", Deny.class);
        byName.put("delegate", Delegate.class);
        byName.put("escalate", Escalate.class);
        byName.put("cancel", Cancel.class);
        byName.put("revoke", Revoke.class);
        byName.put("sweep", Sweep.class);
        byName.put("followups", FollowUpsCommand.class);
        byName.put("access", Access.class);
        byName.put("keys", KeysCommand.class);
        byName.put("notify", NotifyCommand.class);
        byName.put("audit", AuditCommand.class);
        byName.put("report", ReportCommand.class);
        byName.put("store", StoreCommand.class);
        byName.put("serve", Serve.class);
        byName.put("login", Login.class);
        byName.put("lsp", Lsp.class);
        byName.put("completion", CompletionCommand.class);
        byName.put("help", HelpCommand.class);
        COMMANDS = Collections.unmodifiableMap(byName);
    }

    /** Commands that walk the whole tree: they are never built alone. */
    private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

    /** Bad input: invalid policies, unknown options, unreadable files. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Function<String, String> environment;

    private Main(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The environment the command runs in, for what is read in code rather than in option defaults (the
     * notifiers' settings and secrets): the process's, or the one a test passed to {@link #run}.
     */
    public static Function<String, String> environment(CommandLine.Model.CommandSpec command) {
        return ((Main) command.root().userObject()).environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try countersign --help)");
    }

    public static void main(String[] args) {
        io.countersign.cli.policy.PolicyPrefetch.start(java.util.List.of(args), System::getenv);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8));
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code; tests call this instead of {@link #main}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System::getenv, args);
    }

    /**
     * Runs the command line in {@code environment}: tests cannot set environment variables in-process,
     * and a notifier's secret may come from nowhere else.
     */
    public static int run(PrintWriter out, PrintWriter err, Function<String, String> environment, String... args) {
        // Everything printed passes through the terminal's net: no text, whatever its origin, reaches the
        // terminal with a control or bidi character in it.
        PrintWriter safeOut = new PrintWriter(new TerminalWriter(out));
        PrintWriter safeErr = new PrintWriter(new TerminalWriter(err));
        try {
            CommandLine cli = commandLine(environment, args);
            cli.setOut(safeOut);
            cli.setErr(safeErr);
            cli.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
            cli.setParameterExceptionHandler(Main::badInput);
            cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                // An unexpected failure is still reported in one line, never as a stack trace.
                cmd.getErr().println("countersign: internal error: " + Escape.text(String.valueOf(ex)));
                return EXIT_BAD_INPUT;
            });
            return cli.execute(args);
        } finally {
            safeOut.flush();
            safeErr.flush();
        }
    }

    /** The whole command tree with its help laid out, in {@code environment}. */
    static CommandLine commandLine(Function<String, String> environment) {
        return tree(environment, List.copyOf(COMMANDS.values()));
    }

    /**
     * The part of the tree that {@code args} run: the root and the one command they name, or the root alone
     * for {@code --version}. picocli reads every command's annotations, options and mixins when it builds
     * a command, and the whole tree costs more than most commands' own work (docs/store.md "Start-up").
     * Anything else — no command, the root's help, {@code help} and {@code completion} (which walk the
     * tree), a name that is not a command (whose error suggests the ones it may mean) — gets the whole tree.
     */
    static CommandLine commandLine(Function<String, String> environment, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return tree(environment, List.of());
        }
        Class<?> named = args.length > 0 && !WHOLE_TREE.contains(args[0]) ? COMMANDS.get(args[0]) : null;
        return named != null ? tree(environment, List.of(named)) : commandLine(environment);
    }

    private static CommandLine tree(Function<String, String> environment, List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Main(environment));
        commands.forEach(cli::addSubcommand);
        HelpLayout.apply(cli);
        return cli;
    }

    /**
     * A command line that does not parse: what is wrong in one line (an unknown command or option first,
     * with what it may have meant), then where the usage is.
     */
    private static int badInput(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            // A mistyped option is the cause of the missing one it was meant to be: say that first.
            ex = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String what = arg.startsWith("-") ? "unknown option" : cmd.getSubcommands().isEmpty()
                    ? "unexpected argument" : "unknown command";
            List<String> near = u.getSuggestions().stream().limit(3).map(Escape::text).toList();
            err.println("countersign: " + what + " '" + Escape.text(arg) + "'"
                    + (near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near) + "?"));
        } else {
            err.println("countersign: " + Escape.text(ex.getMessage()));
        }
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return EXIT_BAD_INPUT;
    }

    /** The version, the commit and the build time, written into version.properties by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                // the defaults below say what is unknown
            }
            return new String[] {"countersign " + value(p, "version", "development") + " (commit "
                    + value(p, "commit", "unknown") + ", built " + value(p, "built", "unknown") + ")"};
        }

        /** A value the build filled in; one it could not (no git, say) is unknown. */
        private static String value(java.util.Properties p, String key, String otherwise) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() || v.startsWith("${") ? otherwise : v;
        }
    }
}
