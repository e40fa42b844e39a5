package dev.slipstream.cli;

import dev.slipstream.core.inf.InfDiagnostic;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfEncoding;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.InfSection;
import dev.slipstream.core.inf.InfWriter;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream inf get|set|del}: a lossless INF/SIF editor for scripts, in the manner of crudini. */
@Command(name = "inf", header = "Read and edit INF and SIF files, changing only the lines asked for.",
        mixinStandardHelpOptions = true,
        description = {
            "Read and edit INF and SIF files (winnt.sif, TXTSETUP.SIF, DOSNET.INF, ...) without",
            "disturbing anything else: unedited lines keep every byte, encoding and line ending."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream inf get winnt.sif Unattended OemPreinstall",
            "  slipstream inf set winnt.sif UserData ComputerName '\"BUILD01\"'",
            "  slipstream inf set I386/DOSNET.INF Files --line d1,sp2.cab",
            "  slipstream inf del winnt.sif GuiRunOnce",
            "",
            "Section names and keys are case-insensitive, as in Windows setup."
        })
final class InfCommand implements Runnable {

    /** Its subcommands, in the order help lists them; registered by {@link Slipstream#commandLine}. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(Get.class, Set.class, Del.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: get, set or del");
    }

    /** Options every inf subcommand shares. */
    static final class FileOptions {
        @Parameters(index = "0", paramLabel = "FILE", description = "The INF or SIF file.")
        Path file;

        @Option(names = "--encoding", paramLabel = "NAME",
                description = "Read files without a byte-order mark in this encoding instead of detecting it: "
                        + "cp1252, cp936, utf-8, utf-16le.")
        String encoding;

        @Option(names = "--strict", description = "Treat a quote left open at a line end as an error (setup closes it silently).")
        boolean strict;

        /** A new file, as setup files are written: CRLF, and CP1252 unless --encoding says otherwise. */
        InfDocument empty(CommandLine.Model.CommandSpec spec) {
            InfEncoding enc = InfEncoding.ANSI_1252;
            if (encoding != null) {
                try {
                    enc = InfEncoding.fromName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--encoding: " + e.getMessage());
                }
            }
            return InfDocument.empty(file.toString(), enc, "\r\n");
        }

        InfDocument read(CommandLine.Model.CommandSpec spec) throws IOException {
            InfReadOptions options = InfReadOptions.defaults();
            if (encoding != null) {
                try {
                    options = InfReadOptions.forcing(InfEncoding.fromName(encoding));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--encoding: " + e.getMessage());
                }
            }
            if (strict) {
                options = options.strictly();
            }
            InfDocument doc = InfParser.parse(file, options);
            PrintWriter err = spec.commandLine().getErr();
            for (InfDiagnostic w : doc.warnings()) {
                err.println("slipstream: warning: " + file + ":" + w.line() + ": " + w.message());
            }
            err.flush();
            return doc;
        }
    }

    @Command(name = "get", header = "Print a value, the entries of a section, or the section names.", mixinStandardHelpOptions = true,
            description = {
                "Print a value, the entries of a section, or the section names.",
                "Without KEY: one line per entry (the key of key=value lines, the whole text of keyless lines).",
                "Without SECTION: the section names. Exit code 1 when the section or key does not exist."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  slipstream inf get I386/TXTSETUP.SIF SetupData DriverCabName",
                "  slipstream inf get --resolved I386/TXTSETUP.SIF SourceDisksNames.x86 100",
                "  slipstream inf get I386/DOSNET.INF Files"
            })
    static final class Get implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        FileOptions file;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SECTION")
        String section;

        @Parameters(index = "2", arity = "0..1", paramLabel = "KEY")
        String key;

        @Option(names = "--resolved",
                description = "Print the value's fields unquoted, with %%strkey%% substituted from [Strings], joined by commas.")
        boolean resolved;

        @Override
        public Integer call() throws IOException {
            InfDocument doc = file.read(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (section == null) {
                doc.sectionNames().forEach(out::println);
                return ExitCode.OK;
            }
            if (!doc.hasSection(section)) {
                throw new ProblemFoundException(file.file + ": no section [" + section + "]");
            }
            if (key == null) {
                for (InfSection s : doc.sections(section)) {
                    for (InfLine l : s.entries()) {
                        out.println(l.key() != null ? l.key() : l.rawValue());
                    }
                }
                return ExitCode.OK;
            }
            InfLine line = doc.entry(section, key).orElseThrow(
                    () -> new ProblemFoundException(file.file + ": no key '" + key + "' in section [" + section + "]"));
            out.println(resolved ? String.join(",", doc.resolvedFields(line)) : line.rawValue());
            return ExitCode.OK;
        }
    }

    @Command(name = "set", header = "Set a key, add a keyless line, or create a section.", mixinStandardHelpOptions = true,
            description = {
                "Set KEY to VALUE in SECTION, add a keyless line with --line, or create an empty section.",
                "An existing key keeps its spelling, spacing and comment; a new key goes after the section's last",
                "entry; a missing section is created at the end of the file, and a missing FILE is created",
                "(CRLF, CP1252 or --encoding). VALUE is INF text: quote it yourself",
                "where INF needs quotes. Setting a value it already has leaves the file untouched.",
                "The file is replaced atomically."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  slipstream inf set winnt.sif Unattended UnattendMode FullUnattended",
                "  slipstream inf set winnt.sif GuiRunOnce --line '\"%%systemdrive%%\\install\\start.cmd\"'",
                "  slipstream inf set -o out/TXTSETUP.SIF I386/TXTSETUP.SIF SourceDisksFiles sp2.cab 100,,,,,,_x,39,0,0"
            })
    static final class Set implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        FileOptions file;

        @Parameters(index = "1", paramLabel = "SECTION")
        String section;

        @Parameters(index = "2", arity = "0..1", paramLabel = "KEY")
        String key;

        @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE")
        String value;

        @Option(names = "--line", paramLabel = "TEXT",
                description = "Add this keyless line (e.g. d1,foo.dll) unless the section has one with the same fields.")
        String line;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here instead of replacing FILE.")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (line != null && key != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either KEY VALUE or --line, not both");
            }
            if (key != null && value == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "missing VALUE for key '" + key
                        + "' (use \"\" for an empty value)");
            }
            InfDocument doc = java.nio.file.Files.exists(file.file) || output != null ? file.read(spec) : file.empty(spec);
            try {
                if (line != null) {
                    doc.addLine(section, line);
                } else if (key != null) {
                    doc.set(section, key, value);
                } else {
                    doc.ensureSection(section);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            save(doc, file.file, output);
            return ExitCode.OK;
        }
    }

    @Command(name = "del", header = "Delete a key, a keyless line, or a whole section.", mixinStandardHelpOptions = true,
            description = {
                "Delete KEY from SECTION (every occurrence, in every section of that name), a keyless line",
                "with --line, or the whole SECTION. Deleting what does not exist is not an error.",
                "The file is replaced atomically."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  slipstream inf del winnt.sif Unattended OemPnPDriversPath",
                "  slipstream inf del I386/DOSNET.INF Files --line d1,oldfile.dll",
                "  slipstream inf del winnt.sif GuiRunOnce"
            })
    static final class Del implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        FileOptions file;

        @Parameters(index = "1", paramLabel = "SECTION")
        String section;

        @Parameters(index = "2", arity = "0..1", paramLabel = "KEY")
        String key;

        @Option(names = "--line", paramLabel = "TEXT", description = "Delete keyless lines with these fields.")
        String line;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here instead of replacing FILE.")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (line != null && key != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either KEY or --line, not both");
            }
            InfDocument doc = file.read(spec);
            if (line != null) {
                doc.removeLine(section, line);
            } else if (key != null) {
                doc.delete(section, key);
            } else {
                doc.deleteSection(section);
            }
            save(doc, file.file, output);
            return ExitCode.OK;
        }
    }

    /** Writes only when something changed (or to a separate output), so an unchanged file keeps its timestamp. */
    static void save(InfDocument doc, Path input, Path output) throws IOException {
        if (output != null) {
            InfWriter.write(doc, output);
        } else if (doc.isModified()) {
            InfWriter.write(doc, input);
        }
    }
}
