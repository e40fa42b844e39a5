package dev.slipstream.cli;

import dev.slipstream.core.authenticode.AuthenticodeResult;
import dev.slipstream.core.authenticode.AuthenticodeVerifier;
import dev.slipstream.core.authenticode.SigningTimestamp;
import dev.slipstream.core.authenticode.TrustStore;
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

/**
 * {@code slipstream verify}: checks downloads against the catalog of known packages and, with
 * {@code --authenticode}, their Authenticode signatures too.
 */
@Command(name = "verify", header = "Checks downloaded packages against a catalog of published sizes and hashes.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Checks downloaded packages against a catalog of published sizes and hashes.",
            "",
            "Checks each FILE against a catalog of known packages (name, size, CRC32, CRC64, SHA256, "
                + "SHA1, BLAKE2sp) and reports it as 'match', 'MISMATCH' (naming each figure that differs, "
                + "expected and actual) or 'unknown'. Names match case-insensitively; a file whose name is "
                + "not in the catalog but whose size and hashes are is reported as a match by content.",
            "The built-in catalog holds the packages whose figures their publisher gave; add your own "
                + "with --catalog (format: docs/cli.md; 'slipstream hash --catalog-lines' writes lines).",
            "",
            "With --authenticode each FILE's Authenticode signature is checked instead (add --catalog, "
                + "--require-known or --no-builtin-catalog to check both): the file digest "
                + "recomputed and compared with the signed one, the signer's signature, the timestamp, and "
                + "the signer's certificate chain against the trust store (the public Microsoft code-signing "
                + "roots of the Windows Server 2003 era, plus each --trust FILE.pem). Each file is reported as "
                + "'signature valid', 'signature INVALID (check)', 'signature UNTRUSTED (untrusted-root)' or "
                + "'unsigned', with the signer, issuer, signing time and digest algorithm.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream verify WindowsServer2003-KB914961-SP2-x86-CHS.exe",
            "  slipstream verify --require-known --catalog hotfixes.catalog packages/*.exe",
            "  slipstream verify --json --catalog site.catalog --no-builtin-catalog *.exe",
            "  slipstream verify --authenticode WindowsServer2003-KB914961-SP2-x86-ENU.exe",
            "  slipstream verify --authenticode --trust our-test-root.pem build/*.exe",
            "",
            "Catalog line (one package; '-' for a hash that was not published):",
            "  NAME SIZE CRC32 CRC64 SHA256 SHA1 BLAKE2sp",
            "",
            "Exit codes: 0 no mismatch (unknown files allowed without --require-known);",
            "1 a mismatch, an unknown file with --require-known, or with --authenticode a",
            "signature that is invalid, untrusted or absent; 2 usage error; 3 a malformed",
            "catalog, trust file or certificate table; 4 a file is missing or unreadable.",
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

    @Option(names = "--authenticode",
            description = "Check each file's Authenticode signature instead of the catalog (both with a catalog option); "
                    + "exit 1 unless every signature is valid and trusted.")
    boolean authenticode;

    @Option(names = "--trust", paramLabel = "FILE.pem",
            description = "With --authenticode: also trust the certificates in this PEM (or DER) file (repeatable).")
    List<Path> trustFiles = new ArrayList<>();

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
        if (!trustFiles.isEmpty() && !authenticode) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trust needs --authenticode");
        }
        // --authenticode alone checks signatures only; a catalog option asks for the catalog check too.
        boolean catalogCheck = !authenticode || !catalogs.isEmpty() || noBuiltin || requireKnown;
        PackageCatalog catalog = noBuiltin ? PackageCatalog.of(List.of()) : PackageCatalog.builtIn();
        for (Path c : catalogs) {
            catalog = catalog.plus(PackageCatalog.load(c));
        }
        InputFiles.requireRegularFiles(files);
        InputFiles.requireRegularFiles(trustFiles);
        TrustStore trust = TrustStore.builtIn();
        for (Path t : trustFiles) {
            trust = trust.plus(TrustStore.load(t));
        }

        PackageVerifier verifier = new PackageVerifier(catalog);
        PrintWriter out = spec.commandLine().getOut();
        List<Verdict> verdicts = new ArrayList<>();
        List<AuthenticodeResult> signatures = new ArrayList<>();
        for (Path f : files) {
            Verdict v = catalogCheck ? verifier.verify(f) : null;
            AuthenticodeResult a = authenticode ? AuthenticodeVerifier.verify(f, trust) : null;
            verdicts.add(v);
            signatures.add(a);
            if (!json) {
                if (v != null) {
                    printText(out, v);
                }
                if (a != null) {
                    printSignature(out, a);
                }
                out.flush();
            }
        }
        Map<Verdict.Status, Long> counts = verdicts.stream().filter(v -> v != null)
                .collect(Collectors.groupingBy(Verdict::status, () -> new EnumMap<>(Verdict.Status.class), Collectors.counting()));
        Map<AuthenticodeResult.Status, Long> sigCounts = signatures.stream().filter(a -> a != null)
                .collect(Collectors.groupingBy(AuthenticodeResult::status,
                        () -> new EnumMap<>(AuthenticodeResult.Status.class), Collectors.counting()));
        long mismatches = counts.getOrDefault(Verdict.Status.MISMATCH, 0L);
        long unknown = counts.getOrDefault(Verdict.Status.UNKNOWN, 0L);
        long badSignatures = authenticode ? files.size() - sigCounts.getOrDefault(AuthenticodeResult.Status.VALID, 0L) : 0;
        if (json) {
            writeJson(out, files, catalogCheck ? verdicts : null, counts, authenticode ? signatures : null, sigCounts);
        } else if (files.size() > 1) {
            List<String> parts = new ArrayList<>();
            if (catalogCheck) {
                parts.add(counts.getOrDefault(Verdict.Status.MATCH, 0L) + " match, " + mismatches + " MISMATCH, " + unknown
                        + " unknown");
            }
            if (authenticode) {
                parts.add("signatures: " + sigCounts.getOrDefault(AuthenticodeResult.Status.VALID, 0L) + " valid, "
                        + sigCounts.getOrDefault(AuthenticodeResult.Status.INVALID, 0L) + " INVALID, "
                        + sigCounts.getOrDefault(AuthenticodeResult.Status.UNTRUSTED, 0L) + " UNTRUSTED, "
                        + sigCounts.getOrDefault(AuthenticodeResult.Status.UNSIGNED, 0L) + " unsigned");
            }
            out.println(files.size() + " files: " + String.join("; ", parts));
        }
        out.flush();
        if (badSignatures > 0) {
            throw new ProblemFoundException(badSignatures + " of " + plural(files.size())
                    + (badSignatures == 1 ? " has" : " have") + " no valid, trusted Authenticode signature; do not build with "
                    + (badSignatures == 1 ? "it" : "them") + " (a root you trust can be added with --trust FILE.pem)");
        }
        if (mismatches > 0) {
            throw new ProblemFoundException(mismatches + " of " + plural(files.size())
                    + " did not match the catalog; do not build with " + (mismatches == 1 ? "it" : "them")
                    + ": download again and compare with the publisher's figures");
        }
        if (requireKnown && unknown > 0) {
            throw new ProblemFoundException(unknown + " of " + plural(files.size())
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

    static void printSignature(PrintWriter out, AuthenticodeResult a) {
        switch (a.status()) {
            case VALID -> out.println(a.file() + ": signature valid");
            case UNSIGNED -> out.println(a.file() + ": unsigned (" + a.reason() + ")");
            default -> out.println(a.file() + ": signature " + a.status() + " (" + a.failedCheck().id() + "): " + a.reason());
        }
        if (a.status() == AuthenticodeResult.Status.UNSIGNED) {
            return;
        }
        out.println("  signer   " + a.signer());
        out.println("  issuer   " + a.issuer());
        out.println("  signed   " + signingTime(a));
        out.println("  digest   " + a.digestAlgorithm() + " " + a.signedDigest()
                + (a.actualDigest() == null || a.actualDigest().equals(a.signedDigest()) ? "" : " (file: " + a.actualDigest() + ")"));
        if (!a.chain().isEmpty()) {
            out.println("  chain    " + String.join(" > ", a.chain()));
        }
    }

    private static String signingTime(AuthenticodeResult a) {
        SigningTimestamp t = a.timestamp();
        if (a.checkedAt() == null) {
            return "not examined (an earlier check failed)";
        }
        if (t == null) {
            return "not timestamped; chain checked at " + a.checkedAt();
        }
        String by = t.signer() == null ? "" : " by " + t.signer();
        if (t.trusted()) {
            return t.time() + " (" + t.kind().label() + by + ")";
        }
        return (t.time() == null ? "unknown" : t.time() + "?") + " (" + t.kind().label() + by + " NOT trusted: " + t.problem()
                + (a.checkedAt() == null ? "" : "; chain checked at " + a.checkedAt()) + ")";
    }

    /** The catalog part is left out when only signatures were checked, the signature part when they were not. */
    private static void writeJson(PrintWriter out, List<Path> files, List<Verdict> verdicts, Map<Verdict.Status, Long> counts,
            List<AuthenticodeResult> signatures, Map<AuthenticodeResult.Status, Long> sigCounts) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject().name("files").beginArray();
        for (int i = 0; i < files.size(); i++) {
            w.beginObject();
            w.name("file").value(files.get(i).toString());
            if (verdicts != null) {
                writeCatalogFields(w, verdicts.get(i));
            }
            if (signatures != null) {
                w.name("authenticode");
                writeJson(w, signatures.get(i));
            }
            w.endObject();
        }
        w.endArray();
        if (verdicts != null) {
            w.name("summary").beginObject();
            for (Verdict.Status s : Verdict.Status.values()) {
                w.name(s.name().toLowerCase(Locale.ROOT)).value(counts.getOrDefault(s, 0L));
            }
            w.endObject();
        }
        if (signatures != null) {
            w.name("signatures").beginObject();
            for (AuthenticodeResult.Status s : AuthenticodeResult.Status.values()) {
                w.name(s.name().toLowerCase(Locale.ROOT)).value(sigCounts.getOrDefault(s, 0L));
            }
            w.endObject();
        }
        w.endObject().finish();
    }

    private static void writeCatalogFields(JsonWriter w, Verdict v) {
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
    }

    static void writeJson(JsonWriter w, AuthenticodeResult a) {
        w.beginObject();
        w.name("status").value(a.status().name().toLowerCase(Locale.ROOT));
        w.name("failedCheck").value(a.failedCheck() == null ? null : a.failedCheck().id());
        w.name("reason").value(a.reason());
        w.name("signer").value(a.signer());
        w.name("issuer").value(a.issuer());
        w.name("signingTime").value(a.signingTime().map(Object::toString).orElse(null));
        w.name("digestAlgorithm").value(a.digestAlgorithm());
        w.name("signedDigest").value(a.signedDigest());
        w.name("fileDigest").value(a.actualDigest());
        w.name("chain").beginArray();
        for (String c : a.chain()) {
            w.value(c);
        }
        w.endArray();
        SigningTimestamp t = a.timestamp();
        if (t == null) {
            w.name("timestamp").nullValue();
        } else {
            w.name("timestamp").beginObject()
                    .name("kind").value(t.kind() == SigningTimestamp.Kind.RFC3161 ? "rfc3161" : "countersignature")
                    .name("time").value(t.time() == null ? null : t.time().toString())
                    .name("authority").value(t.signer())
                    .name("trusted").value(t.trusted())
                    .name("problem").value(t.problem())
                    .endObject();
        }
        w.name("checkedAt").value(a.checkedAt() == null ? null : a.checkedAt().toString());
        w.endObject();
    }
}
