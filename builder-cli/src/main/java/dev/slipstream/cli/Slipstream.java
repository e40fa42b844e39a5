package dev.slipstream.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code slipstream} command. It parses, calls builder-core and renders; it holds no logic. */
@Command(
        name = "slipstream", header = "Builds Windows Server 2003 install media with SP2, IE7 and hotfixes slipstreamed.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Builds Windows Server 2003 install media with Service Pack 2, IE7 and hotfixes slipstreamed,",
            "on any machine with a JDK, unattended and reproducibly."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the job found a problem (e.g. a checksum mismatch)",
            "  2  usage error",
            "  3  bad input (corrupt, truncated or wrong file)",
            "  4  I/O or environment failure",
            " 70  internal error (a bug: please report it with --debug output)",
            "",
            "Examples:",
            "  slipstream hash WindowsServer2003-KB914961-SP2-x86-ENU.exe",
            "  slipstream verify --require-known packages/*.exe",
            "",
            "Documentation: docs/cli.md and docs/user-guide.md"
        })
public final class Slipstream implements Runnable {

    /**
     * The subcommands, in the order help lists them. They are registered in code rather than in
     * {@code @Command(subcommands)} so that a run builds the picocli model (reflection over every
     * option of every command) only of the command it runs: that is about 0.13 s of CPU, a
     * quarter of the start-up of a small job. The groups' own subcommands ({@link #GROUPS}) are
     * registered the same way.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            CabCommand.class,
            PeCommand.class,
            HashCommand.class,
            VerifyCommand.class,
            IsoCommand.class,
            InfCommand.class,
            CheckCommand.class,
            BuildCommand.class,
            ScanCommand.class,
            CacheCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors (also SLIPSTREAM_DEBUG=1).")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Builds the command line with our error reporting; tests use this with their own writers. */
    public static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug") || "1".equals(System.getenv("SLIPSTREAM_DEBUG"));
        ErrorReporter reporter = new ErrorReporter(debug);
        CommandLine cl = new CommandLine(new Slipstream());
        Class<?> only = args.length > 0 ? named(args[0], SUBCOMMANDS) : null;
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) {
                List<Class<?>> nested = GROUPS.getOrDefault(c, List.of());
                if (nested.isEmpty()) {
                    cl.addSubcommand(c);
                    continue;
                }
                // A group (cab, iso, ...): the same rule one level down, so that "cab list" does
                // not build the model of the five other cab commands (about 25 ms of start-up).
                CommandLine group = new CommandLine(c);
                Class<?> one = only != null && args.length > 1 ? named(args[1], nested) : null;
                for (Class<?> n : nested) {
                    if (one == null || n == one) {
                        group.addSubcommand(n);
                    }
                }
                cl.addSubcommand(group);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * The command of {@code commands} whose name or alias is {@code name}; {@code null} for anything
     * else (an option, {@code help}, a typo, nothing), which then gets the full model for help and
     * suggestions.
     */
    private static Class<?> named(String name, List<Class<?>> commands) {
        for (Class<?> c : commands) {
            Command cmd = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && cmd != null && (cmd.name().equals(name) || Arrays.asList(cmd.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /** The group commands and their subcommands, each list in the order help lists them. */
    private static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(
            CabCommand.class, CabCommand.SUBCOMMANDS,
            PeCommand.class, PeCommand.SUBCOMMANDS,
            IsoCommand.class, IsoCommand.SUBCOMMANDS,
            InfCommand.class, InfCommand.SUBCOMMANDS,
            CacheCommand.class, CacheCommand.SUBCOMMANDS);

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(args, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }
}
