package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SlipstreamCommandTest {

    @Test
    void versionNamesOurVersionAndTheJavaRuntime() {
        CliHarness.Run r = CliHarness.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("slipstream ").contains("Java " + System.getProperty("java.version"));
        assertThat(r.out()).doesNotContain("${project.version}");
    }

    @Test
    void helpListsTheExitCodesAndExamples() {
        CliHarness.Run r = CliHarness.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("Examples:");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLineWithoutAStackTrace() {
        CliHarness.Run r = CliHarness.run("--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("slipstream: ").contains("--no-such-option").doesNotContain("\tat ");
    }

    /**
     * A run builds the model of the command it names only (one level down for cab, iso, ...);
     * every command must behave as in the full model that help and the man pages come from.
     */
    @Test
    void eachCommandBuiltAloneHasTheUsageAndTheNameOfTheFullModel() {
        StringWriter sink = new StringWriter();
        CommandLine full = Slipstream.commandLine(new String[0], new PrintWriter(sink), new PrintWriter(sink));
        int checked = 0;
        for (Map.Entry<String, CommandLine> top : full.getSubcommands().entrySet()) {
            if (top.getKey().equals("help")) {
                continue;
            }
            CommandLine alone = Slipstream.commandLine(new String[] {top.getKey()}, new PrintWriter(sink), new PrintWriter(sink));
            assertThat(alone.getSubcommands().keySet()).as("the model of '%s' alone", top.getKey()).containsExactly(top.getKey());
            assertThat(alone.getSubcommands().get(top.getKey()).getUsageMessage()).isEqualTo(top.getValue().getUsageMessage());
            checked++;
            for (Map.Entry<String, CommandLine> sub : top.getValue().getSubcommands().entrySet()) {
                String[] args = {top.getKey(), sub.getKey(), "--help"};
                CommandLine group = Slipstream.commandLine(args, new PrintWriter(sink), new PrintWriter(sink)).getSubcommands().get(top.getKey());
                assertThat(group.getSubcommands().keySet()).as("the model of '%s %s' alone", top.getKey(), sub.getKey())
                        .containsExactly(sub.getKey());
                assertThat(CliHarness.run(args).out()).isEqualTo(sub.getValue().getUsageMessage());
                checked++;
            }
        }
        assertThat(checked).as("commands and group subcommands").isGreaterThan(20);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(CliHarness.run().exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
