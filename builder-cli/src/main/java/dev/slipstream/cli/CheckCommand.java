package dev.slipstream.cli;

import dev.slipstream.core.check.CheckReport;
import dev.slipstream.core.check.MediaChecker;
import dev.slipstream.core.check.Severity;
import dev.slipstream.core.json.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream check TREE}: the media linter. */
@Command(name = "check", header = "Checks an install tree for what makes setup fail.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Checks an install tree (a CD copied to disk, base or slipstreamed) for what makes setup fail.",
            "",
            "Reads TXTSETUP.SIF, DOSNET.INF, LAYOUT.INF (or LAYOUT.IN_), DRVINDEX.INF and SVCPACK.INF of the",
            "x86 (I386), x64 (AMD64 + I386) or Itanium (IA64) folder and reports, with file, section and line:",
            "files listed but absent (and not in a DRVINDEX cabinet), files nothing lists, hotfixed files a",
            "driver cabinet shadows without a DOSNET line (KB822404), duplicate entries and files (ignoring",
            "case), compressed and plain copies that differ, names that are not 8.3 where setup needs 8.3,",
            "missing or inconsistent tag files, and damaged compressed files.",
            "It first prints the edition, architecture, language and service-pack level it detected."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream check /srv/w2k3-sp2",
            "  slipstream check --json out/tree > check.json",
            "",
            "Exit codes: 0 no errors (warnings allowed); 1 errors found (or warnings, with",
            "--warnings-as-errors); 2 usage error; 4 the tree cannot be read. See docs/cli.md."
        })
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--warnings-as-errors", description = "Exit with 1 on warnings too.")
    boolean warningsAsErrors;

    @Parameters(paramLabel = "TREE", description = "The root of the install tree (the folder holding I386 or AMD64).")
    Path tree;

    @Override
    public Integer call() throws Exception {
        CheckReport report = new MediaChecker(CabinetSupport.access()).check(tree);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            report.writeJson(new JsonWriter(out));
        } else {
            out.print(report.toText());
        }
        out.flush();
        boolean fail = report.hasErrors() || (warningsAsErrors && report.count(Severity.WARNING) > 0);
        return fail ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
    }
}
