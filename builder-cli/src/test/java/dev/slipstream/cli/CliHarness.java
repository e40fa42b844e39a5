package dev.slipstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in-process and captures what a user would see. */
public final class CliHarness {

    private CliHarness() {
    }

    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Slipstream.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
