package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.SequenceSet;
import java.util.ArrayList;
import java.util.List;

/** {@code sequence-set} (RFC 9051 §9), including {@code $} (RFC 5182). */
public final class SequenceSetParser {
    private final ParserLimits limits;

    public SequenceSetParser(ParserLimits limits) {
        this.limits = limits;
    }

    public SequenceSet sequenceSet(ImapCursor cursor) {
        if (cursor.take('$')) {
            return SequenceSet.saved();
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        do {
            if (ranges.size() == limits.maxSequenceRanges()) {
                throw cursor.error("Too many ranges in a sequence set (at most " + limits.maxSequenceRanges() + ")");
            }
            long first = seqNumber(cursor);
            long last = cursor.take(':') ? seqNumber(cursor) : first;
            ranges.add(new SequenceSet.Range(first, last));
        } while (cursor.take(','));
        return new SequenceSet(ranges, false);
    }

    /** Whether the next octet can start a sequence set. */
    public static boolean startsSequenceSet(int c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '$';
    }

    private static long seqNumber(ImapCursor cursor) {
        if (cursor.take('*')) {
            return SequenceSet.STAR;
        }
        int c = cursor.peek();
        if (c < '0' || c > '9') {
            throw cursor.error("Invalid sequence set: expected a number or *");
        }
        return cursor.nzNumber();
    }
}
