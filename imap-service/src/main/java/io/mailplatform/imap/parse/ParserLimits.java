package io.mailplatform.imap.parse;

/**
 * Bounds on what one command may ask for, so nothing a client sends makes the parser build
 * structures without bound (lines are bounded by the frame decoder already).
 *
 * @param maxSearchKeys search keys in one SEARCH
 * @param maxNesting nesting depth of parenthesized lists, NOT and OR
 * @param maxSequenceRanges ranges in one sequence set
 */
public record ParserLimits(int maxSearchKeys, int maxNesting, int maxSequenceRanges) {
    public static final ParserLimits DEFAULT = new ParserLimits(1000, 32, 10_000);
}
