package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.engine.BuildEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildEventPrinterTest {

    private static String render(boolean tty, boolean quiet, boolean verbose) {
        StringWriter sw = new StringWriter();
        BuildEventPrinter p = new BuildEventPrinter(new PrintWriter(sw), tty, quiet, verbose);
        p.on(new BuildEvent.StepStarted("extract-packages", "Extracting the service pack", 400L << 20));
        for (int i = 1; i <= 4; i++) {
            p.on(new BuildEvent.StepProgress("extract-packages", (long) i << 20, 400L << 20));
            try {
                Thread.sleep(210); // past the 200 ms between frames
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.on(new BuildEvent.Warning("extract-packages", "KB1.exe has no SP2QFE folder"));
        p.on(new BuildEvent.StepFinished("extract-packages", Duration.ofMillis(1234), "7 package(s), 87 files"));
        return sw.toString();
    }

    @Test
    void offATerminalOneLinePerStepWithItsTimingAndNoCarriageReturn() {
        String out = render(false, false, false);
        assertThat(out).doesNotContain("\r");
        assertThat(out).isEqualTo("slipstream: warning: KB1.exe has no SP2QFE folder\n"
                + "[  1.23s] extract-packages 7 package(s), 87 files\n");
    }

    @Test
    void onATerminalALiveLineWithBytesRateAndEtaThenTheStepLine() {
        String out = render(true, false, false);
        assertThat(out).contains("\rextract-packages: ").contains(" / 400.0 MiB").contains("MiB/s").contains("ETA ");
        assertThat(out).endsWith("[  1.23s] extract-packages 7 package(s), 87 files\n");
    }

    @Test
    void quietKeepsWarningsOnlyAndVerboseAddsTheStart() {
        assertThat(render(true, true, false)).isEqualTo("slipstream: warning: KB1.exe has no SP2QFE folder\n");
        assertThat(render(false, false, true)).startsWith("[  start] extract-packages Extracting the service pack (400.0 MiB)\n");
    }
}
