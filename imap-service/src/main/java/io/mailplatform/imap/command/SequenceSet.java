package io.mailplatform.imap.command;

import java.util.List;

/**
 * RFC 9051 {@code sequence-set}: message sequence numbers or, in UID commands, UIDs. It stays
 * unresolved here; the selected mailbox resolves it against the client's view.
 *
 * @param ranges the ranges as written (single numbers are ranges of one); empty for {@code $}
 * @param savedResult {@code $}: the result of the last SEARCH RETURN (SAVE) (RFC 9051 §6.4.4.1)
 */
public record SequenceSet(List<Range> ranges, boolean savedResult) {
    /** Stands for {@code *}: the largest number in use. */
    public static final long STAR = -1;

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public static SequenceSet saved() {
        return new SequenceSet(List.of(), true);
    }

    public static SequenceSet of(Range... ranges) {
        return new SequenceSet(List.of(ranges), false);
    }

    /** Whether a number lies in one of the ranges, {@code *} standing for {@code largest} ({@code $} holds none). */
    public boolean contains(long number, long largest) {
        for (Range range : ranges) {
            long a = range.first() == STAR ? largest : range.first();
            long b = range.last() == STAR ? largest : range.last();
            if (number >= Math.min(a, b) && number <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** {@code first:last} in either order; a single number has first == last. Either may be {@link #STAR}. */
    public record Range(long first, long last) {
        public static Range of(long number) {
            return new Range(number, number);
        }
    }
}
