package io.mailplatform.store.mailbox;

import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An account's mailbox for one RFC 6154 role (Sent, Drafts, ...), found by its attribute whatever
 * the user renamed it to, and created under the default name when the account has none (an account
 * made before the role existed, or one whose user deleted it). A mailbox that already has the default
 * name but no role takes the role rather than failing.
 */
@Service
public class SpecialMailboxes {
    private final JdbcClient jdbc;
    private final MailboxEventPublisher events;

    public SpecialMailboxes(JdbcClient jdbc, MailboxEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The account's mailbox with this role; INBOX is simply INBOX. */
    public Mailbox require(long accountId, SpecialUse use) {
        if (use.attribute() == null) {
            return jdbc.sql("SELECT * FROM mailboxes WHERE account_id = ? AND name = ?").params(accountId, Mailbox.INBOX)
                    .query(MailboxService::mailbox).optional().orElseThrow(() -> new MailboxNotFoundException(Mailbox.INBOX));
        }
        return jdbc.sql("SELECT * FROM mailboxes WHERE account_id = ? AND special_use = ? ORDER BY id LIMIT 1")
                .params(accountId, use.attribute()).query(MailboxService::mailbox).optional()
                .orElseGet(() -> create(accountId, use));
    }

    private Mailbox create(long accountId, SpecialUse use) {
        record Upsert(Mailbox mailbox, boolean inserted) {
        }
        // xmax = 0 only on a row this statement inserted (an updated row carries our transaction id)
        Upsert upsert = jdbc.sql("""
                INSERT INTO mailboxes (account_id, name, special_use) VALUES (?, ?, ?)
                ON CONFLICT (account_id, name) DO UPDATE SET special_use = coalesce(mailboxes.special_use, EXCLUDED.special_use)
                RETURNING *, xmax = 0 AS inserted""").params(accountId, use.defaultName(), use.attribute())
                .query((rs, n) -> new Upsert(MailboxService.mailbox(rs, n), rs.getBoolean("inserted"))).single();
        if (upsert.inserted()) {
            Mailbox created = upsert.mailbox();
            events.publish(new MailboxEvent(MailboxEvent.Type.MAILBOX_CREATED, accountId, created.id(), created.name(),
                    created.highestModSeq(), List.of(), EventOrigin.ID));
        }
        return upsert.mailbox();
    }
}
