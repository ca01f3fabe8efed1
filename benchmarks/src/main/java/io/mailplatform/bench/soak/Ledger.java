package io.mailplatform.bench.soak;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every message of the run by its number: when it got its 250 and how often a reader saw it, so that
 * delivered counts each accepted message once and a second sighting or a sighting of a message never
 * accepted counts as an error.
 */
final class Ledger {
    private final AtomicLongArray acceptedAt;
    private final AtomicIntegerArray seen;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();

    Ledger(int capacity) {
        acceptedAt = new AtomicLongArray(capacity);
        seen = new AtomicIntegerArray(capacity);
    }

    int capacity() {
        return seen.length();
    }

    void accepted(int id, long at) {
        acceptedAt.set(id, at);
        accepted.incrementAndGet();
    }

    /**
     * A reader saw message {@code id} at {@code at}; returns the time since its 250, 0 when the
     * reader was quicker than the 250's arrival at the sender, -1 when it is not counted (again).
     */
    long seen(int id, long at) {
        if (id < 0 || id >= seen.length()) {
            unexpected.incrementAndGet();
            return -1;
        }
        if (seen.incrementAndGet(id) > 1) {
            duplicates.incrementAndGet();
            return -1;
        }
        delivered.incrementAndGet();
        long accept = acceptedAt.get(id);
        return accept == 0 ? 0 : Math.max(0, at - accept);
    }

    /** Messages accepted but never seen, and seen but never accepted (refused or not sent). */
    long[] lostAndUnexpected() {
        long lost = 0;
        long notAccepted = unexpected.get();
        for (int id = 0; id < seen.length(); id++) {
            boolean wasAccepted = acceptedAt.get(id) != 0;
            if (wasAccepted && seen.get(id) == 0) {
                lost++;
            } else if (!wasAccepted && seen.get(id) > 0) {
                notAccepted++;
            }
        }
        return new long[] {lost, notAccepted};
    }
}
