package io.mailplatform.smtp.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.core.srs.SrsReversal;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.PermittedSenders;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.directory.RecipientLookup;
import io.mailplatform.store.directory.SenderIdentities;
import io.mailplatform.store.directory.Subaddressing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The directory as the gateway sees it: at RCPT with a short-lived bounded cache so that a busy MX does not ask
 * PostgreSQL twice for every recipient. {@link #cached} never blocks and may run on the event
 * loop; the other look-ups query the store and must run on a worker thread.
 */
@Component
public class RecipientDirectory {
    private final DirectoryService directory;
    private final Postmaster postmaster;
    private final Subaddressing subaddressing;
    private final SrsCodec srs;
    private final Cache<String, RecipientLookup> cache;

    public RecipientDirectory(DirectoryService directory, Postmaster postmaster, Subaddressing subaddressing,
            SrsCodec srs, SmtpProperties properties) {
        this.directory = directory;
        this.postmaster = postmaster;
        this.subaddressing = subaddressing;
        this.srs = srs;
        SmtpProperties.RecipientCache settings = properties.recipientCache();
        this.cache = Caffeine.newBuilder().maximumSize(settings.ttl().isZero() ? 0 : settings.maxEntries())
                .expireAfterWrite(settings.ttl()).build();
    }

    /** The mailbox the bare {@code <Postmaster>} stands for (RFC 5321 §4.5.1), if one is configured. */
    public Optional<MailboxAddress> postmaster() {
        return postmaster.address();
    }

    /** The cached answer for an address, or null when it must be looked up. */
    public RecipientLookup cached(MailboxAddress address) {
        return cache.getIfPresent(address.normalized());
    }

    /** Asks the store (blocking) and remembers the answer. */
    public RecipientLookup lookup(MailboxAddress address) {
        RecipientLookup found = directory.lookUpRecipient(address);
        cache.put(address.normalized(), found);
        return found;
    }

    /**
     * What an SRS address at one of our domains stands for, by its hash and timestamp alone (no store
     * access: may run on the event loop). The caller checks that it {@linkplain MailboxAddress#isSrs is one}.
     */
    public SrsReversal reverseSrs(MailboxAddress address) {
        return srs.reverse(address);
    }

    /**
     * Whether a members-only list takes mail in this transaction (blocking): the reverse path or the
     * authenticated user must be one of its members, as delivery checks it.
     *
     * @param reversePath the MAIL FROM address, or null for {@code <>}
     * @param authenticatedUser the SMTP AUTH identity, or null
     */
    public boolean admits(String list, MailboxAddress reversePath, String authenticatedUser) {
        List<String> senders = new ArrayList<>(2);
        if (reversePath != null) {
            senders.add(reversePath.normalized());
        }
        if (authenticatedUser != null) {
            senders.add(authenticatedUser.toLowerCase(Locale.ROOT));
        }
        return directory.isListMember(list, senders);
    }

    /** The addresses an account may send as (blocking: runs on a worker thread, at AUTH). */
    public SenderIdentities senderIdentities(String login, PermittedSenders permitted) {
        return SenderIdentities.of(login, directory.aliasesOf(login), permitted, subaddressing);
    }

    /** Forgets every cached answer (tests and directory changes that must show at once). */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
