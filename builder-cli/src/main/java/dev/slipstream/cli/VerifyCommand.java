package dev.slipstream.cli;

import dev.slipstream.core.error.ProblemFoundException;
import dev.slipstream.core.hash.CatalogEntry;
import dev.slipstream.core.hash.HashAlgorithm;
import dev.slipstream.core.hash.PackageCatalog;
import dev.slipstream.core.hash.PackageVerifier;
import dev.slipstream.core.hash.Verdict;
import dev.slipstream.core.json.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream verify}: checks downloads against the catalog of known packages. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Checks downloaded packages against a catalog of published sizes and hashes.",
            "",
            "Checks each FILE against a catalog of known packages (name, size, CRC32, CRC64, SHA256, "
                + "SHA1, BLAKE2sp) and reports it as 'match', 'MISMATCH' (naming each figure that differs, "
                + "expected and actual) or 'unknown'. Names match case-insensitively; a file whose name is "
                + "not in the catalog but whose size and hashes are is reported as a match by content.",
            "The built-in catalog holds the packages whose figures their publisher gave; add your own "
                + "with --catalog (format: docs/cli.md; 'slipstream hash --catalog-lines' writes lines).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream verify WindowsServer2003-KB914961-SP2-x86-CHS.exe",
            "  slipstream verify --require-known --catalog hotfixes.catalog packages/*.exe",
            "  slipstream verify --json --catalog site.catalog --no-builtin-catalog *.exe",
            "",
            "Catalog line (one package; '-' for a hash that was not published):",
            "  NAME SIZE CRC32 CRC64 SHA256 SHA1 BLAKE2sp",
            "",
            "Exit codes: 0 no mismatch (unknown files allowed without --require-known);",
            "1 a mismatch, or an unknown file with --require-known; 2 usage error;",
            "3 a malformed catalog; 4 a file or catalog is missing or unreadable.",
            "See docs/cli.md."
        })
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A catalog of known packages to use besides the built-in one (repeatable).")
    List<Path> catalogs = new ArrayList<>();

    @Option(names = "--no-builtin-catalog", description = "Use only the catalogs given with --catalog.")
    boolean noBuiltin;

    @Option(names = "--require-known", description = "Treat a file that is not in any catalog as a failure (exit 1).")
    boolean requireKnown;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to check.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        if (noBuiltin && catalogs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--no-builtin-catalog leaves no catalog; add --catalog FILE");
        }
        PackageCatalog catalog = noBuiltin ? PackageCatalog.of(List.of()) : PackageCatalog.builtIn();
        for (Path c : catalogs) {
            catalog = catalog.plus(PackageCatalog.load(c));
        }
        InputFiles.requireRegularFiles(files);

        PackageVerifier verifier = new PackageVerifier(catalog);
        PrintWriter out = spec.commandLine().getOut();
        List<Verdict> verdicts = new ArrayList<>();
        for (Path f : files) {
            Verdict v = verifier.verify(f);
            verdicts.add(v);
            if (!json) {
                printText(out, v);
                out.flush();
            }
        }
        Map<Verdict.Status, Long> counts = verdicts.stream()
                .collect(Collectors.groupingBy(Verdict::status, () -> new EnumMap<>(Verdict.Status.class), Collectors.counting()));
        long mismatches = counts.getOrDefault(Verdict.Status.MISMATCH, 0L);
        long unknown = counts.getOrDefault(Verdict.Status.UNKNOWN, 0L);
        if (json) {
            writeJson(out, verdicts, counts);
        } else if (verdicts.size() > 1) {
            out.println(verdicts.size() + " files: " + counts.getOrDefault(Verdict.Status.MATCH, 0L) + " match, "
                    + mismatches + " MISMATCH, " + unknown + " unknown");
        }
        out.flush();
        if (mismatches > 0) {
            throw new ProblemFoundException(mismatches + " of " + plural(verdicts.size())
                    + " did not match the catalog; do not build with " + (mismatches == 1 ? "it" : "them")
                    + ": download again and compare with the publisher's figures");
        }
        if (requireKnown && unknown > 0) {
            throw new ProblemFoundException(unknown + " of " + plural(verdicts.size())
                    + (unknown == 1 ? " is" : " are") + " not in any catalog (--require-known); add the publisher's figures with --catalog FILE");
        }
        return ExitCode.OK;
    }

    private static String plural(long n) {
        return n == 1 ? "1 file" : n + " files";
    }

    static void printText(PrintWriter out, Verdict v) {
        switch (v.status()) {
            case MATCH -> {
                CatalogEntry e = v.entry();
                String checked = "size, " + e.hashes().keySet().stream().map(HashAlgorithm::displayName)
                        .collect(Collectors.joining(", "));
                if (v.byContent()) {
                    out.println(v.file() + ": match by content: it is " + e.name() + " (" + e.origin()
                            + ") under another name; " + checked + " agree");
                } else {
                    out.println(v.file() + ": match (" + checked + " agree with " + e.origin() + ")");
                }
            }
            case MISMATCH -> {
                String fields = v.differences().stream().map(Verdict.Difference::field).collect(Collectors.joining(", "));
                out.println(v.file() + ": MISMATCH: " + fields + " differ" + (v.differences().size() == 1 ? "s" : "")
                        + " from " + v.entry().name() + " (" + v.entry().origin() + ")");
                int width = v.differences().stream().mapToInt(d -> d.field().length()).max().orElse(4);
                for (Verdict.Difference d : v.differences()) {
                    out.printf("  %-" + width + "s  expected %s%n", d.field(), d.expected());
                    out.printf("  %-" + width + "s  actual   %s%n", "", d.actual());
                }
                if (v.note() != null) {
                    out.println("  (" + v.note() + ")");
                }
            }
            case UNKNOWN -> out.println(v.file() + ": unknown (" + v.note() + ")");
        }
    }

    private static void writeJson(PrintWriter out, List<Verdict> verdicts, Map<Verdict.Status, Long> counts) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject().name("files").beginArray();
        for (Verdict v : verdicts) {
            w.beginObject();
            w.name("file").value(v.file());
            w.name("status").value(v.status().name().toLowerCase(Locale.ROOT));
            if (v.entry() != null) {
                w.name("entry").beginObject()
                        .name("name").value(v.entry().name())
                        .name("origin").value(v.entry().origin())
                        .name("byContent").value(v.byContent())
                        .endObject();
            } else {
                w.name("entry").nullValue();
            }
            w.name("differences").beginArray();
            for (Verdict.Difference d : v.differences()) {
                w.beginObject().name("field").value(d.field()).name("expected").value(d.expected())
                        .name("actual").value(d.actual()).endObject();
            }
            w.endArray();
            if (v.actual() != null) {
                w.name("actual");
                HashCommand.writeJson(w, v.actual());
            }
            w.name("note").value(v.note());
            w.endObject();
        }
        w.endArray();
        w.name("summary").beginObject();
        for (Verdict.Status s : Verdict.Status.values()) {
            w.name(s.name().toLowerCase(Locale.ROOT)).value(counts.getOrDefault(s, 0L));
        }
        w.endObject().endObject().finish();
    }
}
