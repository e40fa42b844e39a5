package dev.slipstream.cli;

import dev.slipstream.core.cab.SingleFileCabinets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream cab compress}: the NAME.EX_ files of Windows media. */
@Command(
        name = "compress", header = "Compress files into one-file cabinets named like media files (KERNEL32.DL_).",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compress each FILE into a one-file cabinet named like Windows media files: the last",
            "character of the extension becomes '_' (KERNEL32.DLL -> KERNEL32.DL_; no extension ->",
            "NAME._). The member keeps the original name, so setup and expand restore it.",
            "Output goes beside each FILE, or into DIR. Files are compressed in parallel.",
            "SOURCE_DATE_EPOCH, when set, dates the members; otherwise the files' times (UTC) are used."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab compress KERNEL32.DLL                 (writes KERNEL32.DL_, LZX:21)",
            "  slipstream cab compress -d i386 -c mszip *.INF",
            "  slipstream cab compress --level best -d i386 ntoskrnl.exe  (slower, smaller)",
            "  SOURCE_DATE_EPOCH=1700000000 slipstream cab compress -d out ntoskrnl.exe hal.dll"
        })
final class CabCompressCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CabWriteOptions write;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Write the compressed files here (created if needed).")
    Path directory;

    @Option(names = "--threads", paramLabel = "N", description = "Files compressed at once (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to compress.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRegularFiles(files);
        List<SingleFileCabinets.Result> results = SingleFileCabinets.compress(files, directory, write.writerOptions(),
                Math.max(1, threads));
        PrintWriter out = spec.commandLine().getOut();
        if (!quiet) {
            for (SingleFileCabinets.Result r : results) {
                out.printf("%s -> %s (%d -> %d bytes, %s)%n", r.source(), r.cabinet(), r.bytesIn(), r.bytesOut(),
                        write.compression);
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
