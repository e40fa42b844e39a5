package dev.slipstream.cli.build;

import dev.slipstream.fixtures.FixturesCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The small fixture set the end-to-end tests build from, generated once per JVM: base CDs for
 * x86, x64 and Itanium in English and Simplified Chinese (also as ISO images), their SP2, hotfix
 * and IE7 packages, and EXPECTED.tsv, the generator's oracle of a correct slipstream.
 */
final class Fixtures {

    /** One row of EXPECTED.tsv. */
    record Expected(String media, String stage, String kind, String subject, String value, String detail) {
    }

    private static Path root;

    private Fixtures() {
    }

    static synchronized Path root() throws IOException {
        if (root == null) {
            Path dir = Files.createTempDirectory("slipstream-e2e-fixtures-");
            Path out = dir.resolve("fx");
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new FixturesCommand());
            cl.setErr(new PrintWriter(err));
            cl.setOut(new PrintWriter(new StringWriter()));
            int code = cl.execute("generate", "--out", out.toString(), "--arch", "x86,x64,ia64", "--lang", "ENU,CHS", "--iso");
            if (code != 0) {
                throw new IllegalStateException("fixture generation failed (" + code + "): " + err);
            }
            // The figures of every generated package, as a publisher's catalog: builds verify against it.
            List<String> args = new ArrayList<>(List.of("hash", "--catalog-lines"));
            try (var s = Files.list(out.resolve("packages"))) {
                s.sorted().forEach(p -> args.add(p.toString()));
            }
            dev.slipstream.cli.CliHarness.Run h = dev.slipstream.cli.CliHarness.run(args.toArray(String[]::new));
            if (h.exitCode() != 0) {
                throw new IllegalStateException("hashing the fixture packages failed: " + h.err());
            }
            Files.writeString(out.resolve("packages.catalog"), h.out(), StandardCharsets.UTF_8);
            root = out;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dev.slipstream.core.engine.Workspace.deleteTree(dir);
                } catch (IOException e) {
                    // a temporary folder the OS cleans anyway
                }
            }));
        }
        return root;
    }

    static Path media(String id) throws IOException {
        return root().resolve("media").resolve(id);
    }

    static Path iso(String id) throws IOException {
        return root().resolve("media").resolve(id + ".iso");
    }

    /** The catalog of the generated packages (name, size and hashes of each). */
    static Path catalog() throws IOException {
        return root().resolve("packages.catalog");
    }

    static Path packages() throws IOException {
        return root().resolve("packages");
    }

    static Path servicePack(String arch, String lang) throws IOException {
        return packages().resolve("WindowsServer2003-KB914961-SP2-" + arch + "-" + lang + ".exe");
    }

    static Path ie7(String arch, String lang) throws IOException {
        return packages().resolve("IE7-WindowsServer2003-" + arch + "-" + lang + ".exe");
    }

    static Path hotfix(String kb, String arch, String lang) throws IOException {
        return packages().resolve("WindowsServer2003-" + kb + "-" + arch + "-" + lang + ".exe");
    }

    static List<Expected> expected(String mediaId) throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals(mediaId)) {
                out.add(new Expected(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5] : ""));
            }
        }
        return out;
    }

    /** The final expectation of each subject: a later stage overrides an earlier one. */
    static Map<String, Expected> finalBySubject(List<Expected> rows, String kind) {
        Map<String, Expected> m = new LinkedHashMap<>();
        for (Expected e : rows) {
            if (e.kind().equals(kind)) {
                m.put(e.subject().toUpperCase(java.util.Locale.ROOT), e);
            }
        }
        return m;
    }
}
