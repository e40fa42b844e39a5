package dev.slipstream.cli;

import dev.slipstream.core.cab.CabExtractor;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream cab expand}: the inverse of compress, like Windows {@code expand}. */
@Command(
        name = "expand", header = "Expand compressed files (KERNEL32.DL_ -> KERNEL32.DLL) and cabinets.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Expand compressed files (KERNEL32.DL_ -> KERNEL32.DLL) and cabinets: every member of each",
            "FILE is written under its stored name, beside FILE or into DIR, as Windows 'expand' does.",
            "Member names are checked first (nothing outside DIR); each file appears only when complete."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab expand KERNEL32.DL_                  (writes KERNEL32.DLL beside it)",
            "  slipstream cab expand -d i386 i386-compressed/*.??_"
        })
final class CabExpandCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Write the expanded files here (default: beside each FILE).")
    Path directory;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Compressed files or cabinets.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRegularFiles(files);
        PrintWriter out = spec.commandLine().getOut();
        for (Path f : files) {
            Path dir = directory != null ? directory : f.toAbsolutePath().getParent();
            try (CabinetReader cab = CabinetReader.open(f, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
                CabExtractor.Result r = CabExtractor.extract(cab, dir, new CabExtractor.Options(e -> true, false, 1));
                for (String c : r.collisions()) {
                    spec.commandLine().getErr().println("slipstream: warning: " + c);
                }
                if (!quiet) {
                    for (CabExtractor.Written w : r.files()) {
                        out.printf("%s -> %s (%d bytes)%n", f, dir.resolve(w.relativePath()), w.bytes());
                    }
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
