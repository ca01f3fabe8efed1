package io.mailplatform.imap.session;

import java.util.Arrays;

/**
 * The UIDs of a mailbox in ascending order, so that a message's sequence number is its index plus
 * one (RFC 9051 §2.3.1.2). Primitive storage: 100,000 messages take 800 KB, not megabytes of boxes.
 */
public final class UidList {
    private long[] uids;
    private int size;

    public UidList(long[] sortedUids) {
        this.uids = sortedUids;
        this.size = sortedUids.length;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The UID of message sequence number {@code msn} (1-based). */
    public long uidAt(int msn) {
        return uids[msn - 1];
    }

    public long last() {
        return size == 0 ? 0 : uids[size - 1];
    }

    /** The sequence number of a UID, or 0 if it is not in the list. */
    public int msnOf(long uid) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        return index < 0 ? 0 : index + 1;
    }

    /** The index of the first UID at least {@code uid}. */
    public int lowerBound(long uid) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        return index < 0 ? -index - 1 : index;
    }

    /** Appends UIDs above the last one. */
    public void append(long[] more) {
        if (more.length == 0) {
            return;
        }
        if (size + more.length > uids.length) {
            uids = Arrays.copyOf(uids, Math.max(size + more.length, uids.length + uids.length / 2 + 16));
        }
        System.arraycopy(more, 0, uids, size, more.length);
        size += more.length;
    }

    /** Removes UIDs (ascending) in one pass. */
    public void removeAll(long[] sortedGone) {
        int write = 0;
        int gone = 0;
        for (int read = 0; read < size; read++) {
            long uid = uids[read];
            while (gone < sortedGone.length && sortedGone[gone] < uid) {
                gone++;
            }
            if (gone < sortedGone.length && sortedGone[gone] == uid) {
                continue;
            }
            uids[write++] = uid;
        }
        size = write;
    }

    public long[] toArray() {
        return Arrays.copyOf(uids, size);
    }
}
