package dev.slipstream.cli;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr that a build engineer can act on, and an exit code
 * from {@link ExitCode}. Stack traces appear only with {@code --debug} (or SLIPSTREAM_DEBUG=1).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final boolean debug;

    ErrorReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("slipstream: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    int report(Throwable ex, PrintWriter err) {
        Throwable t = unwrap(ex);
        int code = exitCodeOf(t);
        err.println("slipstream: " + (code == ExitCode.INTERNAL_ERROR ? "internal error: " : "error: ") + messageOf(t));
        if (code == ExitCode.INTERNAL_ERROR && !debug) {
            err.println("This is a bug in slipstream. Please report it with the output of the same command run with --debug.");
        }
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof ProblemFoundException) {
            return ExitCode.PROBLEM_FOUND;
        }
        if (t instanceof BadInputException || t instanceof IllegalArgumentException) {
            return ExitCode.BAD_INPUT;
        }
        if (t instanceof IOException || t instanceof SecurityException) {
            return ExitCode.IO_FAILURE;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    /** The JDK's file exceptions carry only a path as message; say what happened to it. */
    static String messageOf(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or directory";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": already exists";
        }
        if (t instanceof NotDirectoryException e) {
            return e.getFile() + ": not a directory";
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        if (t instanceof FileNotFoundException e) {
            return e.getMessage();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory; raise the heap with JAVA_OPTS=-Xmx... or report the input that caused it";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
