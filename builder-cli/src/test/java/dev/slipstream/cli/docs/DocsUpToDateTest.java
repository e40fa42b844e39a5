package dev.slipstream.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.Slipstream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages (AsciiDoc, docs/man/) and the bash/zsh completion script
 * (docs/completion/slipstream.bash) are generated from the picocli model; this test fails when
 * the committed ones differ from what the commands say now. {@code scripts/gen-docs} (which sets
 * SLIPSTREAM_WRITE_DOCS=1) rewrites them.
 */
class DocsUpToDateTest {

    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

    static Map<Path, String> generated() {
        CommandLine root = root();
        Map<Path, String> out = new TreeMap<>();
        for (CommandLine cl : commands(root)) {
            StringWriter sw = new StringWriter();
            try (PrintWriter pw = new PrintWriter(sw)) {
                ManPageGenerator.writeSingleManPage(pw, cl.getCommandSpec());
            }
            String name = cl.getCommandSpec().qualifiedName("-");
            // The version lines would make every release bump "stale" the pages: they are left blank.
            String page = sw.toString().replace("\r\n", "\n").replaceAll("(?m)^:(revnumber|mansource):.*$", ":$1:");
            out.put(DOCS.resolve("man").resolve(name + ".adoc"), page);
        }
        out.put(DOCS.resolve("completion").resolve("slipstream.bash"), AutoComplete.bash("slipstream", root));
        return out;
    }

    private static CommandLine root() {
        return Slipstream.commandLine(new String[0], new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    /** The command and all its subcommands, depth first, without picocli's help command. */
    private static java.util.List<CommandLine> commands(CommandLine cl) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        if (!(cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)) {
            all.add(cl);
            for (CommandLine sub : cl.getSubcommands().values().stream().distinct().toList()) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }

    @Test
    void theCommittedManPagesAndCompletionMatchTheCommands() throws IOException {
        Map<Path, String> now = generated();
        if ("1".equals(System.getenv("SLIPSTREAM_WRITE_DOCS"))) {
            Files.createDirectories(DOCS.resolve("man"));
            Files.createDirectories(DOCS.resolve("completion"));
            try (Stream<Path> s = Files.list(DOCS.resolve("man"))) {
                for (Path old : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".adoc"))::iterator) {
                    if (!now.containsKey(old)) {
                        Files.delete(old);
                    }
                }
            }
            for (Map.Entry<Path, String> e : now.entrySet()) {
                Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertThat(now).containsKey(DOCS.resolve("man").resolve("slipstream-build.adoc"))
                .containsKey(DOCS.resolve("man").resolve("slipstream-cache-prune.adoc"));
        for (Map.Entry<Path, String> e : now.entrySet()) {
            assertThat(e.getKey()).as("run scripts/gen-docs to create it").exists();
            assertThat(Files.readString(e.getKey(), StandardCharsets.UTF_8))
                    .as("%s is stale: run scripts/gen-docs and commit the result", DOCS.getParent().relativize(e.getKey()))
                    .isEqualTo(e.getValue());
        }
        try (Stream<Path> s = Files.list(DOCS.resolve("man"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".adoc")))
                    .as("man pages of commands that no longer exist: run scripts/gen-docs").allMatch(now::containsKey);
        }
    }

    /**
     * The roff pages {@code man} reads are the AsciiDoc pages rendered by asciidoctor: one per
     * command, equal to what this asciidoctor renders now (the generator's version line aside; a
     * workstation with another asciidoctor than the one that rendered them only gets the other
     * checks), and groff formats each one without a warning.
     */
    @Test
    void theCommittedRoffManPagesAreTheAsciiDocRendered(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        dev.slipstream.testing.ExternalTool asciidoctor = dev.slipstream.testing.ExternalTool.require("asciidoctor", "asciidoctor");
        dev.slipstream.testing.ExternalTool groff = dev.slipstream.testing.ExternalTool.require("groff", "groff-base");
        Path man1 = DOCS.resolve("man").resolve("man1");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-b", "manpage", "-a", "reproducible", "-D", tmp.toString()));
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(DOCS.resolve("man"))) {
            s.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(p -> {
                args.add(p.toString());
                String n = p.getFileName().toString();
                names.add(n.substring(0, n.length() - ".adoc".length()) + ".1");
            });
        }
        asciidoctor.run(tmp, 120, args.toArray(String[]::new)).assertSuccess("asciidoctor -b manpage");
        try (Stream<Path> s = Files.list(man1)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("docs/man/man1 holds one page per command: run scripts/gen-docs").isEqualTo(names);
        }
        for (String n : names) {
            String committed = Files.readString(man1.resolve(n), StandardCharsets.UTF_8);
            String rendered = Files.readString(tmp.resolve(n), StandardCharsets.UTF_8);
            if (generator(committed).equals(generator(rendered))) {
                assertThat(withoutGenerator(committed))
                        .as("docs/man/man1/%s is stale: run scripts/gen-docs and commit the result", n)
                        .isEqualTo(withoutGenerator(rendered));
            }
            assertThat(committed).as(n).contains(".TH \"SLIPSTREAM").doesNotContainPattern("(?m)^\\.TH .*\"\\d{4}-");
            dev.slipstream.testing.ExternalTool.Result r = groff.run(tmp, 60, "-man", "-Tutf8", "-ww", "-z", man1.resolve(n).toString())
                    .assertSuccess("groff " + n);
            assertThat(r.stderr()).as("groff's warnings for %s", n).isEmpty();
        }
    }

    private static String generator(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\.\\\\\" Generator: (.*)$").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    private static String withoutGenerator(String page) {
        return page.replaceAll("(?m)^\\.\\\\\" Generator: .*\n", "");
    }

    @Test
    void everyCommandsHelpCarriesExamples() {
        for (CommandLine cl : commands(root())) {
            assertThat(cl.getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .as("slipstream %s --help shows examples", cl.getCommandSpec().qualifiedName(" "))
                    .containsIgnoringCase("example");
        }
    }

    /**
     * Every command has a one-line summary (its picocli header): the NAME line of its man page
     * and its line in its parent's command list, which otherwise show the description's first
     * line, cut mid-sentence.
     */
    @Test
    void everyCommandHasAOneLineSummary() {
        for (CommandLine cl : commands(root())) {
            assertThat(cl.getCommandSpec().usageMessage().header())
                    .as("the header (one-line summary) of slipstream %s", cl.getCommandSpec().qualifiedName(" "))
                    .singleElement().satisfies(h -> assertThat(h).endsWith(".").hasSizeLessThanOrEqualTo(90));
        }
    }
}
