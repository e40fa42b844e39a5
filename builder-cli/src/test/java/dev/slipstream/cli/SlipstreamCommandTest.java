package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    @Test
    void noCommandIsAUsageError() {
        assertThat(CliHarness.run().exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
