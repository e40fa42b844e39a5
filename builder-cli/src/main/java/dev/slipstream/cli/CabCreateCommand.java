package dev.slipstream.cli;

import dev.slipstream.core.cab.CabinetSources;
import dev.slipstream.core.cab.CabinetWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream cab create}: a multi-file cabinet such as a driver cabinet. */
@Command(
        name = "create", header = "Create a cabinet from files and directories.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Create a cabinet from files and directories. A file is stored under its name; a directory",
            "adds every file below it, named by its path relative to that directory with '\\'.",
            "Members keep the argument order, each directory's files sorted by name, so the same",
            "inputs always give the same bytes. A new folder starts when one would pass",
            "--folder-size. SOURCE_DATE_EPOCH, when set, dates the members."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab create -o SP2.CAB drivers/",
            "  slipstream cab create -o DRIVER.CAB -c mszip i386/driver/ extra.inf",
            "  slipstream cab create -o DRIVER.CAB -c mszip --level best i386/driver/   (zlib level 9)",
            "  SOURCE_DATE_EPOCH=1700000000 slipstream cab create -o out.cab --threads 2 -c mszip tree/"
        })
final class CabCreateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CabWriteOptions write;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "CAB", description = "The cabinet to write (replaced if it exists).")
    Path output;

    @Option(names = "--folder-size", paramLabel = "BYTES",
            description = "Start a new folder once a folder would hold more than this many uncompressed bytes "
                    + "(default and maximum: 2147450880).")
    long folderSize = CabinetWriter.MAX_FOLDER_BYTES;

    @Option(names = "--reserve", paramLabel = "BYTES", description = "Reserve this many bytes in the header for signing tools (0..60000).")
    int reserve;

    @Option(names = "--threads", paramLabel = "N", description = "Threads compressing MSZIP blocks (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and directories to put in the cabinet.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<CabinetWriter.Entry> entries = CabinetSources.collect(paths);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cab-create");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            CabinetWriter.Options o = write.writerOptions().withMaxFolderBytes(folderSize)
                    .withReserves(reserve, 0, 0).withThreads(Math.max(1, threads), pool);
            CabinetWriter.Summary s = CabinetWriter.write(output, entries, o);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("wrote %s: %d files in %d folder%s, %d -> %d bytes (%s)%n", output, s.files(), s.folders(),
                    s.folders() == 1 ? "" : "s", s.uncompressedBytes(), s.cabinetBytes(), write.compression);
            out.flush();
            return ExitCode.OK;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
