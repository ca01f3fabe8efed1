package io.mailplatform.imap.session;

import java.util.Arrays;

/**
 * The UIDs that are \Recent in this session (RFC 3501 §2.3.2): the ranges it claimed, each
 * {@code (low, high]}. Ranges, not a set of UIDs, so a first SELECT of a large new mailbox costs
 * nothing. Kept sorted and merged (a long-lived session claims again after every new message,
 * mostly right after its last claim), so a lookup is a binary search however long the session runs.
 */
final class RecentRanges {
    private long[] lows = new long[4];
    private long[] highs = new long[4];
    private int size;

    void add(long exclusiveLow, long inclusiveHigh) {
        if (inclusiveHigh <= exclusiveLow) {
            return;
        }
        if (size > 0 && exclusiveLow >= lows[size - 1] && exclusiveLow <= highs[size - 1]) {
            highs[size - 1] = Math.max(highs[size - 1], inclusiveHigh);
            return;
        }
        if (size == lows.length) {
            lows = Arrays.copyOf(lows, size * 2);
            highs = Arrays.copyOf(highs, size * 2);
        }
        lows[size] = exclusiveLow;
        highs[size] = inclusiveHigh;
        size++;
        if (size > 1 && exclusiveLow < lows[size - 2]) {
            normalize();
        }
    }

    /** Sorts by low end and merges overlapping or touching ranges (after a claim out of order). */
    private void normalize() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(lows[a], lows[b]));
        long[] newLows = new long[lows.length];
        long[] newHighs = new long[highs.length];
        int n = 0;
        for (int i : order) {
            if (n > 0 && lows[i] <= newHighs[n - 1]) {
                newHighs[n - 1] = Math.max(newHighs[n - 1], highs[i]);
            } else {
                newLows[n] = lows[i];
                newHighs[n] = highs[i];
                n++;
            }
        }
        lows = newLows;
        highs = newHighs;
        size = n;
    }

    boolean contains(long uid) {
        // the last range starting below uid is the only one that can hold it
        int low = 0;
        int high = size - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (lows[mid] < uid) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && uid <= highs[found];
    }

    /** The ranges as inclusive pairs {@code first, last}. */
    long[] inclusiveRanges() {
        long[] pairs = new long[size * 2];
        for (int i = 0; i < size; i++) {
            pairs[2 * i] = lows[i] + 1;
            pairs[2 * i + 1] = highs[i];
        }
        return pairs;
    }

    /** How many UIDs of the view are recent. */
    int count(UidList view) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += view.lowerBound(highs[i] + 1) - view.lowerBound(lows[i] + 1);
        }
        return count;
    }
}
