package dev.slipstream.cli;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabExtractor;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipstream cab extract}. */
@Command(
        name = "extract", header = "Extract the members of a cabinet or of its whole set.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Extract the members of a cabinet (or of its whole set) below a directory.",
            "Names use '/' for '\\'; file times come from the cabinet (read as UTC). Every name is",
            "checked first: one that would leave DIR ('..', an absolute path, a drive letter, a",
            "device name such as CON) is an error naming the member, and then nothing is written.",
            "Names that collide ignoring case are reported; the last one is extracted. Each file is",
            "written to a temporary file and renamed when complete. Folders decode in parallel."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab extract SP2.CAB -d sp2",
            "  slipstream cab extract DRIVER.CAB -d driver --filter '*.sys' --lowercase",
            "  slipstream cab extract split-1.cab -d out     (follows split-2.cab, split-3.cab, ...)",
            "  slipstream cab extract WindowsServer2003-KB914961-SP2-x86-ENU.exe -d sp2"
        })
final class CabExtractCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CabInputOptions input;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Where to extract (created if needed; default: the current directory).")
    Path directory = Path.of(".");

    @Option(names = {"-F", "--filter"}, paramLabel = "GLOB",
            description = "Only members whose path matches GLOB, ignoring case ('*' and '?' also match '/').")
    String filter;

    @Option(names = {"-L", "--lowercase"}, description = "Lower-case the extracted paths.")
    boolean lowercase;

    @Option(names = "--threads", paramLabel = "N", description = "Folders decoded at once (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-v", "--verbose"}, description = "Print each extracted file.")
    boolean verbose;

    @Option(names = "--max-output", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Refuse, before writing anything, to extract more than SIZE bytes in total (e.g. 700M, 4G).")
    Long maxOutput;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Predicate<CabEntry> select = filter == null ? e -> true : CabExtractor.glob(filter);
        List<Long> offsets = input.offsets(err);
        if (maxOutput != null) {
            long planned = 0;
            for (long at : offsets) {
                try (CabinetReader cab = input.open(at)) {
                    planned += CabExtractor.plannedBytes(cab, new CabExtractor.Options(select, lowercase, 1));
                }
            }
            if (planned > maxOutput) {
                throw BadInputException.in(input.file.toString())
                        .hint("nothing was extracted; raise --max-output, or select fewer members with --filter")
                        .problem("extracting would write %d bytes, more than the limit of %d (--max-output)", planned, maxOutput);
            }
        }
        for (long at : offsets) {
            try (CabinetReader cab = input.open(at)) {
                CabExtractor.Result r = CabExtractor.extract(cab, directory, new CabExtractor.Options(select, lowercase, Math.max(1, threads)));
                for (String c : r.collisions()) {
                    err.println("slipstream: warning: " + c);
                }
                if (verbose) {
                    for (CabExtractor.Written w : r.files()) {
                        out.printf("%10d  %s%n", w.bytes(), w.relativePath());
                    }
                }
                out.printf("extracted %d files (%d bytes) from %s%s to %s%n", r.files().size(), r.totalBytes(), input.file,
                        at == 0 ? "" : " (cabinet at offset " + at + ")", directory);
            }
        }
        out.flush();
        err.flush();
        return ExitCode.OK;
    }
}
