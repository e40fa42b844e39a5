package dev.slipstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code slipstream cab}: Microsoft Cabinet files. */
@Command(
        name = "cab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Read Microsoft Cabinet files: plain .cab files, compressed media files (KERNEL32.DL_),",
            "cabinet sets (followed by name in the same folder) and cabinets inside other files.",
            "Compression: None, MSZIP, LZX (windows 15-21) and Quantum."
        },
        subcommands = {
            CabListCommand.class,
            CabExtractCommand.class,
            CabTestCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab list SP2.CAB",
            "  slipstream cab extract DRIVER.CAB -d driver --filter '*.sys'",
            "  slipstream cab test KERNEL32.DL_"
        })
final class CabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a cab subcommand is required (list, extract, test)");
    }
}
