package dev.slipstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code slipstream cab}: Microsoft Cabinet files. */
@Command(
        name = "cab", header = "Read and write Microsoft Cabinet files.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Read Microsoft Cabinet files: plain .cab files, compressed media files (KERNEL32.DL_),",
            "cabinet sets (followed by name in the same folder) and cabinets inside other files.",
            "Compression: None, MSZIP, LZX (windows 15-21) and Quantum.",
            "Write them as makecab does: compress (NAME.EX_ files), create (multi-file cabinets), and",
            "expand them again. Writing: None, MSZIP and LZX (windows 15-21)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab list SP2.CAB",
            "  slipstream cab extract DRIVER.CAB -d driver --filter '*.sys'",
            "  slipstream cab test KERNEL32.DL_",
            "  slipstream cab compress -d out KERNEL32.DLL       (writes out/KERNEL32.DL_, LZX:21)",
            "  slipstream cab expand KERNEL32.DL_",
            "  slipstream cab create -o SP2.CAB -c mszip drivers/"
        })
final class CabCommand implements Runnable {

    /** Its subcommands, in the order help lists them; registered by {@link Slipstream#commandLine}. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(CabListCommand.class, CabExtractCommand.class, CabTestCommand.class, CabCompressCommand.class,
            CabExpandCommand.class, CabCreateCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a cab subcommand is required (list, extract, test, compress, expand, create)");
    }
}
