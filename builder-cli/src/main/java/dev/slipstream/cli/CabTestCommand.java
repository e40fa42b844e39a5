package dev.slipstream.cli;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabExtractor;
import dev.slipstream.core.cab.CabinetReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipstream cab test}. */
@Command(
        name = "test", header = "Decompress every member and verify checksums and sizes, writing nothing.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Decompress every member and verify checksums and sizes, writing nothing.",
            "Exit code 0 when the cabinet is sound, 3 (bad input) naming the first problem when not."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab test SP2.CAB",
            "  slipstream cab test --filter '*.dll' DRIVER.CAB",
            "  slipstream cab test WindowsServer2003-KB914961-SP2-x86-ENU.exe"
        })
final class CabTestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CabInputOptions input;

    @Option(names = {"-F", "--filter"}, paramLabel = "GLOB", description = "Only members whose path matches GLOB, ignoring case.")
    String filter;

    @Option(names = "--threads", paramLabel = "N", description = "Folders decoded at once (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Predicate<CabEntry> select = filter == null ? e -> true : CabExtractor.glob(filter);
        for (long at : input.offsets(spec.commandLine().getErr())) {
            try (CabinetReader cab = input.open(at)) {
                CabExtractor.Result r = CabExtractor.test(cab, new CabExtractor.Options(select, false, Math.max(1, threads)));
                out.printf("OK: %s%s: %d members, %d bytes, %d folders, %d cabinets%n", input.file,
                        at == 0 ? "" : " (cabinet at offset " + at + ")", r.files().size(), r.totalBytes(),
                        cab.folders().size(), cab.cabinets().size());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
