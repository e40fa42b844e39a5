package dev.slipstream.cli;

import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.core.cab.CabinetReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input of every {@code cab} subcommand: a cabinet, or a file with cabinets inside. */
final class CabInputOptions {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "A cabinet (.cab, .dl_, ...), a self-extracting package (.exe), or any file with cabinets inside.")
    Path file;

    @Option(names = "--offset", paramLabel = "BYTES",
            description = "Read only the cabinet that starts at this offset of FILE, instead of every cabinet the locator finds.")
    Long offset;

    @Option(names = "--ignore-checksums", description = "Decode data blocks whose CFDATA checksum does not match instead of stopping.")
    boolean ignoreChecksums;

    @Option(names = "--no-set", description = "Read only FILE, even when its header names previous or next cabinets of a set.")
    boolean noSet;

    @Option(names = "--verbose-locate", description = "Say where the cabinets were found in FILE and why (on stderr).")
    boolean verboseLocate;

    /** Where the cabinets start: the --offset, or what the locator chose, in file order. */
    List<Long> offsets(PrintWriter err) throws IOException {
        if (offset != null) {
            return List.of(offset);
        }
        if (verboseLocate) {
            CabinetLocator.Result r = CabinetLocator.locate(file);
            for (CabinetLocator.Candidate c : r.candidates()) {
                err.println("slipstream: " + file + ": " + c.describe());
            }
            for (String n : r.notes()) {
                err.println("slipstream: " + file + ": " + n);
            }
            err.flush();
        }
        return CabinetReader.cabinetOffsets(file);
    }

    CabinetReader open(long at) throws IOException {
        CabReadOptions opts = CabReadOptions.DEFAULTS.withIgnoreChecksums(ignoreChecksums).withFollowSet(!noSet);
        return CabinetReader.open(file, at, opts);
    }
}
