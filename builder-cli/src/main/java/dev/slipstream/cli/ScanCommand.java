package dev.slipstream.cli;

import dev.slipstream.core.engine.BuildListener;
import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.engine.SlipstreamScan;
import dev.slipstream.core.io.SourceDateEpoch;
import dev.slipstream.core.pkg.Branch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream scan}: the Hotfix Scan Tool (KB931940) for media, before or after a build. */
@Command(name = "scan", header = "Scans hotfixes against SP2 like the Hotfix Scan Tool.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Scans hotfixes against SP2 like the Hotfix Scan Tool, and writes <NAME>_log.txt.",
            "",
            "Before a build (--base, --sp2): lists the hotfixes SP2 supersedes, the repackaged ones,",
            "and those SP2 would regress; a regression exits 1 unless --allow-regressions (the tool's /d).",
            "After a build (--after DIR|ISO): lists the fixes that have regressed in the built media.",
            "Before a build, every package's Authenticode signature is checked as by build."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream scan --base W2K3.iso --sp2 WindowsServer2003-KB914961-SP2-x86-ENU.exe --hotfix hotfixes/",
            "  slipstream scan --after W2K3_SP2.iso --hotfix hotfixes/ --verbose",
            "",
            "Exit codes: 0 nothing regresses, 1 a hotfix regresses (or has regressed), 2 usage, 3 bad input",
            "(including a package without a valid signature, unless --allow-unsigned), 4 I/O."
        })
final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", paramLabel = "DIR|ISO", description = "Before a build: the base media.")
    Path base;

    @Option(names = "--sp2", paramLabel = "EXE", description = "Before a build: the SP2 package.")
    Path sp2;

    @Option(names = "--after", paramLabel = "DIR|ISO", description = "After a build: the built media to scan.")
    Path after;

    @Option(names = "--hotfix", required = true, paramLabel = "EXE|DIR", description = "A hotfix package, or a folder of them (repeatable).")
    List<Path> hotfixes = new ArrayList<>();

    @Option(names = "--branch", paramLabel = "qfe|gdr", defaultValue = "qfe", description = "Branch preference (default qfe).")
    Branch.Policy branch;

    @Option(names = "--allow-regressions", description = "Report regressions without failing (the tool's /d).")
    boolean allowRegressions;

    @Option(names = "--force", description = "Scan media that are already modified.")
    boolean force;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Verify packages against this catalog.")
    Path catalog;

    @Option(names = "--trust", paramLabel = "FILE.pem", description = "Before a build: also trust these roots for package signatures (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Before a build: scan packages without a valid Authenticode signature (one warning each).")
    boolean allowUnsigned;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = ".", description = "Where <NAME>_log.txt goes (default: the current folder).")
    Path logDir;

    @Option(names = "--name", paramLabel = "NAME", description = "The NAME of <NAME>_log.txt (default: the media's name).")
    String name;

    @Option(names = {"-v", "--verbose"}, description = "Log every file with both versions (the tool's /v).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Write the log only; print nothing (the tool's /q).")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if ((after == null) == (base == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --base and --sp2 (before a build) or --after (after a build)");
        }
        BuildOptions o = new BuildOptions().branchPolicy(branch).allowRegressions(allowRegressions).force(force).catalog(catalog)
                .allowUnsigned(allowUnsigned);
        trust.forEach(o::addTrustFile);
        SourceDateEpoch.fromEnvironment().ifPresent(o::timestamp);
        BuildListener listener = quiet ? BuildListener.NONE
                : new BuildEventPrinter(spec.commandLine().getErr(), BuildEventPrinter.stderrIsTerminal(), true);
        SlipstreamScan.Outcome r;
        if (after != null) {
            r = SlipstreamScan.after(after, hotfixes, o, logDir, name, verbose, listener);
        } else {
            if (sp2 == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--base needs --sp2: the scan compares the hotfixes with SP2");
            }
            o.base(base).servicePack(sp2);
            hotfixes.forEach(o::addHotfix);
            r = SlipstreamScan.before(o, logDir, name, verbose, listener);
        }
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(r.text().replace("\r\n", System.lineSeparator()));
            out.println("Log: " + r.log());
            out.flush();
        }
        return r.report().problemFound() ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
    }
}
