package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multipart body at its delimiter lines (RFC 2046 §5.1.1). A delimiter is a line that
 * starts with "--" and the boundary, followed by "--" (the close delimiter) or only blanks; so a
 * boundary that is a prefix of a longer one (nested parts) does not match. The line break before
 * a delimiter belongs to the delimiter; the preamble before the first and the epilogue after the
 * close delimiter belong to no part. Without a close delimiter the last part runs to the end
 * (truncated message). One linear pass.
 */
final class MultipartSplitter {
    private MultipartSplitter() {
    }

    /**
     * The parts of the body {@code [from, to)} as {start, end} offset pairs: start just after the
     * delimiter line, end before the line break preceding the next delimiter.
     *
     * @param maxParts at most this many parts; further delimiters (but the close one) are content
     */
    static List<int[]> split(byte[] m, int from, int to, String boundary, int maxParts) {
        List<int[]> parts = new ArrayList<>();
        if (maxParts <= 0) {
            return parts;
        }
        byte[] b = boundary.getBytes(StandardCharsets.UTF_8);
        int partStart = -1;
        int pos = from;
        while (pos < to) {
            int lineEnd = pos;
            while (lineEnd < to && m[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = lineEnd < to ? lineEnd + 1 : to;
            int kind = delimiter(m, pos, lineEnd, b);
            if (kind != NONE && (kind == CLOSE || parts.size() < maxParts - 1 || partStart < 0)) {
                if (partStart >= 0) {
                    parts.add(new int[] {partStart, partEnd(m, partStart, pos)});
                }
                if (kind == CLOSE) {
                    return parts; // what follows is the epilogue
                }
                partStart = next;
            }
            pos = next;
        }
        if (partStart >= 0) {
            parts.add(new int[] {Math.min(partStart, to), to}); // no close delimiter: truncated
        }
        return parts;
    }

    private static final int NONE = 0;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;

    /** Whether the line {@code [start, lineEnd)} (its LF excluded) is a delimiter of boundary b. */
    private static int delimiter(byte[] m, int start, int lineEnd, byte[] b) {
        int after = start + 2 + b.length;
        if (after > lineEnd || m[start] != '-' || m[start + 1] != '-') {
            return NONE;
        }
        for (int i = 0; i < b.length; i++) {
            if (m[start + 2 + i] != b[i]) {
                return NONE;
            }
        }
        if (after + 1 < lineEnd && m[after] == '-' && m[after + 1] == '-') {
            return CLOSE;
        }
        for (int i = after; i < lineEnd; i++) {
            byte c = m[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return NONE; // "--boundaryX": another boundary that starts with this one
            }
        }
        return OPEN;
    }

    /** The end of a part: before the CRLF (or bare LF) that precedes the delimiter at {@code delimiter}. */
    private static int partEnd(byte[] m, int partStart, int delimiter) {
        int end = delimiter;
        if (end > partStart && m[end - 1] == '\n') {
            end--;
            if (end > partStart && m[end - 1] == '\r') {
                end--;
            }
        }
        return Math.max(end, partStart);
    }
}
