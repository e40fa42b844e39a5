package dev.slipstream.cli;

import dev.slipstream.core.hash.CatalogEntry;
import dev.slipstream.core.hash.FileHasher;
import dev.slipstream.core.hash.HashAlgorithm;
import dev.slipstream.core.hash.HashResult;
import dev.slipstream.core.json.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream hash}: the checksums a download page publishes, as 7-Zip prints them. */
@Command(name = "hash", header = "Prints the checksums a download page publishes, as 7-Zip prints them.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Prints the checksums a download page publishes, as 7-Zip prints them.",
            "",
            "Computes CRC32, CRC64 (XZ), SHA256, SHA1 and BLAKE2sp of each FILE, like "
                + "'7z h -scrcCRC32 -scrcCRC64 -scrcSHA256 -scrcSHA1 -scrcBLAKE2sp'. Each file is read once "
                + "and every hash is fed from the same read, on all cores; memory stays constant for any "
                + "file size.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream hash WindowsServer2003-KB914961-SP2-x86-CHS.exe",
            "  slipstream hash -a sha256,crc64 *.exe",
            "  slipstream hash --json packages/*.exe > checksums.json",
            "  slipstream hash --catalog-lines packages/*.exe >> my-packages.catalog",
            "",
            "Exit codes: 0 success, 2 usage error, 4 a file is missing or unreadable.",
            "See docs/cli.md."
        })
final class HashCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-a", "--algorithms"}, paramLabel = "ALGOS", defaultValue = "all",
            description = "Comma-separated: crc32, crc64, sha256, sha1, blake2sp, or all (default).")
    String algorithms;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--catalog-lines",
            description = "Print one package catalog line per file (for verify --catalog).")
    boolean catalogLines;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to hash.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        Set<HashAlgorithm> selected;
        try {
            selected = HashAlgorithm.parseList(algorithms);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--algorithms: " + e.getMessage());
        }
        if (json && catalogLines) {
            throw new CommandLine.ParameterException(spec.commandLine(), "choose --json or --catalog-lines, not both");
        }
        InputFiles.requireRegularFiles(files);
        FileHasher hasher = new FileHasher(selected);
        PrintWriter out = spec.commandLine().getOut();
        List<HashResult> results = new ArrayList<>();
        boolean first = true;
        for (Path f : files) {
            HashResult r = hasher.hash(f);
            if (json) {
                results.add(r);
            } else if (catalogLines) {
                String name = f.getFileName() == null ? f.toString() : f.getFileName().toString();
                out.println(new CatalogEntry(name, r.size(), r.hashes(), "").toLine());
                out.flush();
            } else {
                // Printed as each file completes: a long run shows progress.
                if (!first) {
                    out.println();
                }
                printText(out, r);
                out.flush();
            }
            first = false;
        }
        if (json) {
            JsonWriter w = new JsonWriter(out);
            w.beginObject().name("files").beginArray();
            for (HashResult r : results) {
                writeJson(w, r);
            }
            w.endArray().endObject().finish();
        }
        return ExitCode.OK;
    }

    static void printText(PrintWriter out, HashResult r) {
        out.println("Name: " + r.name());
        out.println("Size: " + r.size());
        for (HashAlgorithm a : HashAlgorithm.values()) {
            String v = r.hex(a);
            if (v != null) {
                out.println(a.displayName() + ": " + v);
            }
        }
    }

    /** The same figures as the text, keyed by lowercase algorithm names. */
    static void writeJson(JsonWriter w, HashResult r) {
        w.beginObject().name("name").value(r.name()).name("size").value(r.size());
        for (HashAlgorithm a : HashAlgorithm.values()) {
            String v = r.hex(a);
            if (v != null) {
                w.name(a.displayName().toLowerCase(Locale.ROOT)).value(v);
            }
        }
        w.endObject();
    }
}
