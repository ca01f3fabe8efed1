package io.mailplatform.store.mailbox;

import io.mailplatform.store.event.MailboxEvent;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The HIGHESTMODSEQ each mailbox is known to have in this process, so that an IMAP session whose
 * view is at that MODSEQ can skip reading the store after a command (Dovecot checks its index log
 * the same way instead of re-reading the mailbox).
 *
 * <p>A value is learnt from a read of the store ({@link #confirm}) and is good for {@link #TTL} from
 * that read. Every write of this process moves it ({@link #written}): to the write's MODSEQ when that
 * is the one right after the known value (nothing else can have come between, MODSEQs being taken
 * one after another under the mailbox row's lock), otherwise it is forgotten. Writes of other
 * processes forget it when their event arrives ({@code mailbox.events}), or at the latest when the
 * TTL runs out, so a change made elsewhere is reported at most {@link #TTL} late if its event is lost.
 * A read that a write overtook does not overwrite what the write said ({@link #version}).
 */
@Component
public class KnownModSeqs {
    /** How long a read of the store vouches for a mailbox's HIGHESTMODSEQ. */
    public static final Duration TTL = Duration.ofSeconds(1);

    /** Mailboxes remembered at most; beyond, everything is forgotten at once (a read brings it back). */
    static final int MAX_MAILBOXES = 100_000;

    private static final long UNKNOWN = -1;

    private final ConcurrentHashMap<Long, Known> known = new ConcurrentHashMap<>();
    /** Versions are unique over all entries, so a read of a forgotten entry never matches a new one. */
    private final AtomicLong versions = new AtomicLong();
    private final LongSupplier clock;

    public KnownModSeqs() {
        this(System::nanoTime);
    }

    KnownModSeqs(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /** What is known of one mailbox; guarded by its own monitor. */
    private static final class Known {
        long modSeq = UNKNOWN;
        long readAt;
        long version;

        Known(long version) {
            this.version = version;
        }
    }

    private Known entry(long mailboxId) {
        if (known.size() >= MAX_MAILBOXES) {
            known.clear();
        }
        return known.computeIfAbsent(mailboxId, id -> new Known(versions.incrementAndGet()));
    }

    /** Whether the mailbox is known, from a read less than {@link #TTL} ago, to be still at {@code modSeq}. */
    public boolean unchangedSince(long mailboxId, long modSeq) {
        Known entry = known.get(mailboxId);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.modSeq == modSeq && clock.getAsLong() - entry.readAt < TTL.toNanos();
        }
    }

    /** Taken before reading the store; hand it to {@link #confirm} with what the read found. */
    public long version(long mailboxId) {
        Known entry = entry(mailboxId);
        synchronized (entry) {
            return entry.version;
        }
    }

    /** A read that began at {@code version} found {@code highestModSeq}; ignored if a write came meanwhile. */
    public void confirm(long mailboxId, long version, long highestModSeq) {
        Known entry = entry(mailboxId);
        synchronized (entry) {
            if (entry.version == version) {
                entry.modSeq = highestModSeq;
                entry.readAt = clock.getAsLong();
            }
        }
    }

    /**
     * A committed change, by this process or (from {@code mailbox.events}) another: the known value
     * moves to its MODSEQ if that comes right after it, stays if it already covers it, and is
     * forgotten otherwise (a change without a MODSEQ, a gap, a mailbox deleted or renamed). Inside a
     * transaction it is forgotten now and again once the transaction ends.
     */
    public void written(MailboxEvent event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            forget(event.mailboxId());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(event.mailboxId());
                }
            });
            return;
        }
        boolean messages = event.type() == MailboxEvent.Type.MESSAGES_ADDED
                || event.type() == MailboxEvent.Type.FLAGS_CHANGED || event.type() == MailboxEvent.Type.MESSAGES_EXPUNGED;
        Known entry = entry(event.mailboxId());
        synchronized (entry) {
            entry.version = versions.incrementAndGet();
            if (messages && event.modSeq() > 0 && entry.modSeq != UNKNOWN && entry.modSeq >= event.modSeq() - 1) {
                entry.modSeq = Math.max(entry.modSeq, event.modSeq());
            } else {
                entry.modSeq = UNKNOWN;
            }
        }
    }

    private void forget(long mailboxId) {
        Known entry = entry(mailboxId);
        synchronized (entry) {
            entry.version = versions.incrementAndGet();
            entry.modSeq = UNKNOWN;
        }
    }
}
