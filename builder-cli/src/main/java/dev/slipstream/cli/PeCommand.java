package dev.slipstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code slipstream pe}: looks inside Windows executables (EXE, DLL, SYS). */
@Command(name = "pe", header = "Inspects Windows PE images: headers, overlay, resources, version information.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Inspects Windows PE images: headers, overlay, resources, version information.",
        footerHeading = "%nExamples:%n",
        footer = {"  slipstream pe info I386/KERNEL32.DLL", "  slipstream pe info --json WindowsServer2003-KB914961-SP2-x86-ENU.exe"})
public final class PeCommand implements Runnable {

    /** Its subcommands, in the order help lists them; registered by {@link Slipstream#commandLine}. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(PeInfoCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (info)");
    }
}
