package io.mailplatform.pop3.maildrop;

import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MaildropLock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The maildrop of a session in the TRANSACTION state (RFC 1939 §5): the INBOX as it was at login,
 * numbered once, with the messages marked by DELE. Nothing is removed from the store before QUIT.
 * Used on the session's event loop only.
 */
public final class Maildrop {
    private final Account account;
    private final Mailbox inbox;
    private final MaildropLock.Lease lease;
    private final List<MaildropMessage> messages;
    private final BitSet deleted = new BitSet();
    private final ReadAhead readAhead = new ReadAhead();

    public Maildrop(Account account, Mailbox inbox, MaildropLock.Lease lease, List<MaildropMessage> messages) {
        this.account = account;
        this.inbox = inbox;
        this.lease = lease;
        this.messages = List.copyOf(messages);
    }

    public Account account() {
        return account;
    }

    public Mailbox inbox() {
        return inbox;
    }

    /** The first chunks read ahead for this session's RETR and TOP. */
    public ReadAhead readAhead() {
        return readAhead;
    }

    MaildropLock.Lease lease() {
        return lease;
    }

    /** The message with this number, unless there is none or it is marked deleted (RFC 1939 §5). */
    public MaildropMessage message(MessageNumber number) throws Pop3Exception {
        if (number.value() > messages.size()) {
            throw new Pop3Exception(Replies.noSuchMessage(messages.size()));
        }
        if (deleted.get(number.index())) {
            throw new Pop3Exception(Replies.alreadyDeleted(number));
        }
        return messages.get(number.index());
    }

    /** The messages not marked deleted, in message-number order. */
    public List<MaildropMessage> listed() {
        List<MaildropMessage> listed = new ArrayList<>(messages.size() - deleted.cardinality());
        for (MaildropMessage message : messages) {
            if (!deleted.get(message.number().index())) {
                listed.add(message);
            }
        }
        return listed;
    }

    /**
     * {@code first}, then the messages after it that are not marked deleted, fit in one chunk of
     * {@code chunkSize} octets (read ahead, they are then sent without another read) and that
     * {@code wanted} accepts (by number), until {@code maxMessages} or until their octets would pass
     * {@code maxOctets}.
     */
    public List<MaildropMessage> following(MaildropMessage first, int maxMessages, int maxOctets, int chunkSize,
            IntPredicate wanted) {
        List<MaildropMessage> window = new ArrayList<>();
        window.add(first);
        window.addAll(after(first.number().value(), maxMessages - 1, maxOctets - Math.min(chunkSize, first.storedSize()),
                chunkSize, wanted));
        return window;
    }

    /**
     * The messages after number {@code number} that {@link #following} would add: not marked
     * deleted, of one chunk, accepted by {@code wanted}, at most {@code maxMessages} and
     * {@code maxOctets} octets.
     */
    public List<MaildropMessage> after(int number, int maxMessages, long maxOctets, int chunkSize, IntPredicate wanted) {
        List<MaildropMessage> window = new ArrayList<>();
        long octets = 0;
        for (int index = number; index < messages.size() && window.size() < maxMessages; index++) {
            MaildropMessage next = messages.get(index);
            if (deleted.get(index) || next.storedSize() > chunkSize || !wanted.test(next.number().value())) {
                continue;
            }
            octets += Math.min(chunkSize, next.storedSize());
            if (octets > maxOctets) {
                break;
            }
            window.add(next);
        }
        return window;
    }

    /** The number of messages not marked deleted. */
    public int count() {
        return messages.size() - deleted.cardinality();
    }

    /** Their total size in octets, as STAT reports it. */
    public long octets() {
        long octets = 0;
        for (MaildropMessage message : messages) {
            if (!deleted.get(message.number().index())) {
                octets += message.octets();
            }
        }
        return octets;
    }

    public void markDeleted(MaildropMessage message) {
        deleted.set(message.number().index());
    }

    /** RSET: unmarks every message. */
    public void unmarkAll() {
        deleted.clear();
    }

    /** The UIDs of the messages marked deleted, for the UPDATE state. */
    public List<Long> deletedUids() {
        List<Long> uids = new ArrayList<>(deleted.cardinality());
        deleted.stream().forEach(index -> uids.add(messages.get(index).uid()));
        return uids;
    }

    /**
     * The unique-id listing value (RFC 1939 §7): UIDVALIDITY and UID. A UID is never reused in a
     * mailbox, and a re-created INBOX gets a new UIDVALIDITY, so the value never names another message.
     */
    public String uniqueId(MaildropMessage message) {
        return inbox.uidValidity() + "." + message.uid();
    }

    /**
     * Gives up the maildrop lock without removing anything (no UPDATE state) and without blocking,
     * as when the connection drops; idempotent.
     */
    public void close() {
        readAhead.clear();
        lease.releaseLater();
    }
}
