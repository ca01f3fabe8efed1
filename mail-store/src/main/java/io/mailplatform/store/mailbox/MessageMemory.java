package io.mailplatform.store.mailbox;

import io.mailplatform.store.mailbox.MessageSummaries.Remembered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader (an IMAP session, of its selected mailbox) has read of a mailbox's messages: metadata and
 * trace prefix, kept up to date with every change it is told of, flag changes and expunges. As long as
 * nothing changed that it was not told of, it is what the store would answer, so a read of messages read
 * before needs no query ({@link MessageSummaries.Memory}; Dovecot answers from its index the same way).
 * Whether nothing changed is the owner's to know ({@link MessageIndex#unchangedSince}); this only remembers.
 *
 * <p>A message is remembered from a read only: a new one is not until it is read. Bounded by
 * {@link #MAX_MESSAGES}; beyond, everything is forgotten at once and later reads bring it back. Guarded by
 * its monitor: a session's commands and its event-driven updates may run on different threads.
 */
public final class MessageMemory implements MessageSummaries.Memory {
    static final int MAX_MESSAGES = 10_000;

    private final Map<Long, Remembered> byUid = new HashMap<>();

    /** A read of the store found this; it does not replace a newer state (higher MODSEQ) learnt since. */
    @Override
    public synchronized void remember(Remembered read) {
        Remembered known = byUid.get(read.meta().uid());
        if (known != null && known.meta().modSeq() > read.meta().modSeq()) {
            return;
        }
        if (known == null && byUid.size() >= MAX_MESSAGES) {
            byUid.clear();
        }
        byUid.put(read.meta().uid(), read);
    }

    /** A message's flags changed, as {@code meta} says; a report older than what is remembered changes nothing. */
    public synchronized void changed(MessageMeta meta) {
        byUid.computeIfPresent(meta.uid(),
                (uid, known) -> known.meta().modSeq() >= meta.modSeq() ? known : known.changed(meta));
    }

    public synchronized void expunged(long uid) {
        byUid.remove(uid);
    }

    /** What is remembered of every one of {@code uids}, in their order, or null if any is not. */
    @Override
    public synchronized List<Remembered> recall(long[] uids) {
        List<Remembered> recalled = new ArrayList<>(uids.length);
        for (long uid : uids) {
            Remembered known = byUid.get(uid);
            if (known == null) {
                return null;
            }
            recalled.add(known);
        }
        return recalled;
    }

    synchronized int size() {
        return byUid.size();
    }
}
