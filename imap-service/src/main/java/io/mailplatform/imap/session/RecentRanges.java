package io.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The UIDs that are \Recent in this session (RFC 3501 §2.3.2): the ranges it claimed, each
 * {@code (low, high]}. Ranges, not a set of UIDs, so a first SELECT of a large new mailbox costs
 * nothing.
 */
final class RecentRanges {
    private final List<long[]> ranges = new ArrayList<>();

    void add(long exclusiveLow, long inclusiveHigh) {
        if (inclusiveHigh > exclusiveLow) {
            ranges.add(new long[] {exclusiveLow, inclusiveHigh});
        }
    }

    boolean contains(long uid) {
        for (long[] range : ranges) {
            if (uid > range[0] && uid <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The ranges as inclusive pairs {@code first, last}. */
    long[] inclusiveRanges() {
        long[] pairs = new long[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            pairs[2 * i] = ranges.get(i)[0] + 1;
            pairs[2 * i + 1] = ranges.get(i)[1];
        }
        return pairs;
    }

    /** How many UIDs of the view are recent. */
    int count(UidList view) {
        int count = 0;
        for (long[] range : ranges) {
            count += view.lowerBound(range[1] + 1) - view.lowerBound(range[0] + 1);
        }
        return count;
    }
}
