package io.mailplatform.smtp.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.store.directory.DirectoryService;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The directory as the gateway sees it: at RCPT with a short-lived bounded cache so that a busy MX does not ask
 * PostgreSQL twice for every recipient. {@link #cached} never blocks and may run on the event
 * loop; {@link #lookup} queries the store and must run on a worker thread.
 */
@Component
public class RecipientDirectory {
    private final DirectoryService directory;
    private final Cache<String, RecipientRoute> cache;

    public RecipientDirectory(DirectoryService directory, SmtpProperties properties) {
        this.directory = directory;
        SmtpProperties.RecipientCache settings = properties.recipientCache();
        this.cache = Caffeine.newBuilder().maximumSize(settings.ttl().isZero() ? 0 : settings.maxEntries())
                .expireAfterWrite(settings.ttl()).build();
    }

    /** The cached route of an address, or null when it must be looked up. */
    public RecipientRoute cached(MailboxAddress address) {
        return cache.getIfPresent(address.normalized());
    }

    /** Asks the store (blocking) and remembers the answer. */
    public RecipientRoute lookup(MailboxAddress address) {
        RecipientRoute route;
        if (!directory.isLocalDomain(address.domain().name())) {
            route = RecipientRoute.REMOTE;
        } else {
            route = directory.isDeliverable(address) ? RecipientRoute.LOCAL : RecipientRoute.LOCAL_UNKNOWN;
        }
        cache.put(address.normalized(), route);
        return route;
    }

    /** The addresses an account may send as (blocking: runs on a worker thread, at AUTH). */
    public SenderIdentities senderIdentities(String login) {
        Set<String> addresses = new HashSet<>(directory.aliasesOf(login));
        addresses.add(login.toLowerCase(Locale.ROOT));
        return new SenderIdentities(addresses);
    }

    /** Forgets every cached answer (tests and directory changes that must show at once). */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
