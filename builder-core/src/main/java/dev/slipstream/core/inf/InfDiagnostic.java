package dev.slipstream.core.inf;

/**
 * Something the parser accepted, as setup does, but that is probably a mistake: e.g. a quote
 * left open at the end of a line (setup closes it there).
 *
 * @param line the 1-based physical line
 * @param message what is odd, for a build engineer
 */
public record InfDiagnostic(int line, String message) {
}
