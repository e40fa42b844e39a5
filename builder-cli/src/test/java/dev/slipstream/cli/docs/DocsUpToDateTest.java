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
        CommandLine root = Slipstream.commandLine(new String[0], new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Map<Path, String> out = new TreeMap<>();
        addManPages(root, out);
        out.put(DOCS.resolve("completion").resolve("slipstream.bash"), AutoComplete.bash("slipstream", root));
        return out;
    }

    private static void addManPages(CommandLine cl, Map<Path, String> out) {
        if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            ManPageGenerator.writeSingleManPage(pw, cl.getCommandSpec());
        }
        String name = cl.getCommandSpec().qualifiedName("-");
        // The version lines would make every release bump "stale" the pages: they are left blank.
        String page = sw.toString().replace("\r\n", "\n").replaceAll("(?m)^:(revnumber|mansource):.*$", ":$1:");
        out.put(DOCS.resolve("man").resolve(name + ".adoc"), page);
        for (CommandLine sub : cl.getSubcommands().values().stream().distinct().toList()) {
            addManPages(sub, out);
        }
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

    @Test
    void everyCommandsHelpCarriesExamples() {
        CommandLine root = Slipstream.commandLine(new String[0], new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        checkExamples(root);
    }

    private static void checkExamples(CommandLine cl) {
        if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        assertThat(cl.getUsageMessage(CommandLine.Help.Ansi.OFF))
                .as("slipstream %s --help shows examples", cl.getCommandSpec().qualifiedName(" "))
                .containsIgnoringCase("example");
        for (CommandLine sub : cl.getSubcommands().values().stream().distinct().toList()) {
            checkExamples(sub);
        }
    }
}
