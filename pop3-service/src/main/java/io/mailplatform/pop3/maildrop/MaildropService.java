package io.mailplatform.pop3.maildrop;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.CrlfSizes;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MaildropLock;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The store side of POP3 (blocking; called from worker threads): opening a maildrop (lock, snapshot,
 * sizes), reading message content in ranges, and the UPDATE state. Content and sizes come only from
 * {@link MailboxService}'s accessors, so whatever the store prepends to a message is sent and counted.
 */
@Component
public class MaildropService {
    private final MailboxService mailboxes;
    private final MessageContents contents;
    private final MaildropLock locks;
    private final CrlfSizes crlfSizes;
    private final Pop3Properties properties;

    public MaildropService(MailboxService mailboxes, MessageContents contents, MaildropLock locks, CrlfSizes crlfSizes,
            Pop3Properties properties) {
        this.mailboxes = mailboxes;
        this.contents = contents;
        this.locks = locks;
        this.crlfSizes = crlfSizes;
        this.properties = properties;
    }

    /** The outcome of opening a maildrop. */
    public sealed interface Opening permits Opened, Refused {
    }

    public record Opened(Maildrop maildrop) implements Opening {
    }

    /** The maildrop cannot be opened; the client gets {@code response}. */
    public record Refused(StatusResponse response) implements Opening {
    }

    /**
     * Locks the account's maildrop and takes the snapshot of its INBOX (RFC 1939 §4: the server
     * acquires an exclusive-access lock on the maildrop when the client has identified itself).
     */
    public Opening open(Account account) {
        MaildropLock.Acquisition acquisition = locks.acquire(account.id(), properties.loginDelay());
        if (acquisition instanceof MaildropLock.InUse) {
            return new Refused(Replies.IN_USE);
        }
        if (acquisition instanceof MaildropLock.TooSoon) {
            return new Refused(Replies.LOGIN_DELAY);
        }
        MaildropLock.Lease lease = ((MaildropLock.Acquired) acquisition).lease();
        try {
            Optional<Mailbox> inbox = mailboxes.find(account.id(), Mailbox.INBOX);
            if (inbox.isEmpty()) {
                lease.release();
                return new Refused(Replies.NO_MAILDROP);
            }
            return new Opened(new Maildrop(account, inbox.get(), lease, snapshot(inbox.get())));
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    private List<MaildropMessage> snapshot(Mailbox inbox) {
        List<MessageMeta> metas = mailboxes.messages(inbox);
        Map<Long, Long> known = crlfSizes.find(inbox);
        Map<Long, Long> computed = new HashMap<>();
        List<MaildropMessage> messages = new ArrayList<>(metas.size());
        for (MessageMeta meta : metas) {
            Long octets = known.get(meta.uid());
            if (octets == null) {
                Optional<Long> counted = countOctets(inbox, meta);
                if (counted.isEmpty()) {
                    continue; // expunged by another client while the snapshot was taken
                }
                octets = counted.get();
                computed.put(meta.uid(), octets);
            }
            messages.add(new MaildropMessage(new MessageNumber(messages.size() + 1), meta.uid(), meta.size(), octets));
        }
        crlfSizes.remember(inbox, computed);
        return messages;
    }

    /** Counts what RETR will send, reading the message in chunks. */
    private Optional<Long> countOctets(Mailbox inbox, MessageMeta meta) {
        DotStuffer counter = DotStuffer.message();
        int chunk = properties.retrieveChunkBytes();
        int offset = 0;
        while (offset < meta.size()) {
            Optional<byte[]> part = mailboxes.contentRange(inbox, meta.uid(), offset, Math.min(chunk, meta.size() - offset));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            if (part.get().length == 0) {
                break;
            }
            counter.encode(part.get(), 0, part.get().length, null);
            offset += part.get().length;
        }
        counter.finish(null);
        return Optional.of(counter.octets());
    }

    /** Up to {@code length} octets of a message from {@code offset}; empty when it was removed meanwhile. */
    /**
     * The first chunks ({@code chunkSize} octets at most) of several messages in one query, in the
     * order given; null for a message that is gone.
     */
    public List<byte[]> readFirstChunks(Maildrop maildrop, List<MaildropMessage> messages, int chunkSize) {
        return contents.read(maildrop.inbox(), messages.stream()
                .map(m -> new MessageContents.Slice(m.uid(), 0, Math.min(chunkSize, m.storedSize()))).toList());
    }

    public Optional<byte[]> read(Maildrop maildrop, MaildropMessage message, long offset, int length) {
        return mailboxes.contentRange(maildrop.inbox(), message.uid(), Math.toIntExact(offset), length);
    }

    /** The result of the UPDATE state. */
    public record Update(boolean done, int remaining) {
    }

    /**
     * The UPDATE state (RFC 1939 §6): removes the messages marked deleted, through the mailbox
     * service so IMAP sessions learn of it from {@code mailbox.events}, then releases the lock.
     * Nothing is removed if the lock was lost meanwhile (the lease lapsed and another session took it).
     */
    public Update update(Maildrop maildrop) {
        try {
            List<Long> uids = maildrop.deletedUids();
            if (uids.isEmpty()) {
                return new Update(true, maildrop.count());
            }
            if (!maildrop.lease().renew()) {
                return new Update(false, maildrop.count());
            }
            mailboxes.delete(maildrop.inbox(), uids);
            return new Update(true, maildrop.count());
        } finally {
            // released before the answer to QUIT, so the client's next session finds the maildrop free
            maildrop.lease().release();
        }
    }
}
