package dev.slipstream.cli;

import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input of every {@code cab} subcommand: a cabinet, or a file with a cabinet inside. */
final class CabInputOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "A cabinet (.cab, .dl_, ...), or a file with one inside (use --offset).")
    Path file;

    @Option(names = "--offset", paramLabel = "BYTES",
            description = "Where the cabinet starts inside FILE (default 0), e.g. after the stub of a self-extractor.")
    long offset;

    @Option(names = "--ignore-checksums", description = "Decode data blocks whose CFDATA checksum does not match instead of stopping.")
    boolean ignoreChecksums;

    @Option(names = "--no-set", description = "Read only FILE, even when its header names previous or next cabinets of a set.")
    boolean noSet;

    CabinetReader open() throws IOException {
        CabReadOptions opts = CabReadOptions.DEFAULTS.withIgnoreChecksums(ignoreChecksums).withFollowSet(!noSet);
        return CabinetReader.open(file, offset, opts);
    }
}
