package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    private static String[] report(boolean debug, Throwable t, int[] code) {
        StringWriter sw = new StringWriter();
        code[0] = new ErrorReporter(debug).report(t, new PrintWriter(sw));
        return sw.toString().split("\n");
    }

    @Test
    void badInputNamesTheFileAndOffsetOnOneLine() {
        int[] code = new int[1];
        String[] lines = report(false, BadInputException.in("SP2.exe").atOffset(0x1234)
                .hint("download the package again").problem("CFDATA checksum mismatch"), code);
        assertThat(code[0]).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(lines).containsExactly(
                "slipstream: error: SP2.exe at offset 4660 (0x1234): CFDATA checksum mismatch. download the package again");
    }

    @Test
    void aMissingFileIsAnEnvironmentFailureThatSaysSo() {
        int[] code = new int[1];
        String[] lines = report(false, new NoSuchFileException("/media/I386/TXTSETUP.SIF"), code);
        assertThat(code[0]).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(lines[0]).isEqualTo("slipstream: error: /media/I386/TXTSETUP.SIF: no such file or directory");
    }

    @Test
    void problemsFoundExitWithOne() {
        int[] code = new int[1];
        report(false, new ProblemFoundException("1 file did not match"), code);
        assertThat(code[0]).isEqualTo(ExitCode.PROBLEM_FOUND);
    }

    @Test
    void stackTracesOnlyWithDebug() {
        int[] code = new int[1];
        assertThat(String.join("\n", report(false, new IOException("disk full"), code))).doesNotContain("\tat ");
        assertThat(String.join("\n", report(true, new IOException("disk full"), code))).contains("\tat ");
        assertThat(code[0]).isEqualTo(ExitCode.IO_FAILURE);
    }

    @Test
    void aBugIsReportedAsSuchWithAPointerToDebug() {
        int[] code = new int[1];
        String[] lines = report(false, new NullPointerException("x"), code);
        assertThat(code[0]).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(lines[1]).contains("--debug");
    }
}
