package dev.slipstream.core.error;

/**
 * The job ran to completion and found a problem the user asked it to look for: a checksum
 * mismatch, a check error, a hotfix that would regress. The inputs were readable; their content
 * is not acceptable.
 */
public class ProblemFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProblemFoundException(String message) {
        super(message);
    }
}
