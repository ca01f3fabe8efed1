package io.mailplatform.imap;

import org.springframework.test.context.TestPropertySource;

/**
 * The IMAP service with small account caps, a tiny search timeout and a short wait for a database
 * connection, so that tests reach every bound with a few commands. The classes extending this share
 * one application context of their own.
 */
@TestPropertySource(properties = {"mail.store.limits.max-mailboxes=" + SmallLimitsTestSupport.MAX_MAILBOXES,
        "mail.store.limits.max-subscriptions=" + SmallLimitsTestSupport.MAX_SUBSCRIPTIONS,
        "mail.store.limits.max-keywords=" + SmallLimitsTestSupport.MAX_KEYWORDS,
        "mail.store.limits.search-timeout=50ms",
        "spring.datasource.hikari.connection-timeout=1000"})
abstract class SmallLimitsTestSupport extends ImapTestSupport {
    /** A new account has five mailboxes (INBOX, Drafts, Sent, Junk, Trash), all subscribed. */
    static final int MAX_MAILBOXES = 12;
    static final int MAX_SUBSCRIPTIONS = 8;
    static final int MAX_KEYWORDS = 4;
}
