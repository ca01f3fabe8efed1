package io.mailplatform.store.mailbox;

import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import io.mailplatform.store.mailbox.AccountLimitException.Limit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mailbox hierarchy and subscriptions, as IMAP needs them (RFC 9051 §6.3.4 to §6.3.8): creating a
 * mailbox creates its missing superiors, deleting one leaves its inferiors alone, renaming one
 * renames its inferiors too, and subscriptions are names that may outlive their mailbox.
 *
 * <p>Names are full hierarchical names with {@link Mailbox#DELIMITER}; validating them against the
 * protocol's rules is the caller's job. INBOX is matched case-insensitively, as everywhere.
 *
 * <p>The number of mailboxes and of subscriptions per account is capped ({@code mail.store.limits}),
 * exactly even under concurrent commands ({@link AccountLimits}).
 */
@Service
public class MailboxAdmin {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MailboxService mailboxes;
    private final MailboxEventPublisher events;
    private final StoreProperties.Limits limits;

    public MailboxAdmin(JdbcClient jdbc, TransactionTemplate transactions, MailboxService mailboxes,
            MailboxEventPublisher events, StoreProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mailboxes = mailboxes;
        this.events = events;
        this.limits = properties.limits();
    }

    /**
     * Creates a mailbox, unsubscribed, and any superior names it needs that do not exist yet
     * (RFC 9051 §6.3.4), all in one transaction.
     *
     * @return the new mailbox
     * @throws MailboxExistsException if a mailbox of that name exists
     * @throws AccountLimitException if the account would have more mailboxes than allowed
     */
    public Mailbox create(long accountId, String name) {
        String canonical = MailboxService.canonicalName(name);
        List<Mailbox> created = transactions.execute(status -> {
            AccountLimits.lock(jdbc, accountId);
            List<Mailbox> made = createSuperiors(accountId, canonical);
            Mailbox mailbox = insert(accountId, canonical);
            if (mailbox == null) {
                throw new MailboxExistsException(canonical);
            }
            made.add(mailbox);
            AccountLimits.requireAtMost(jdbc, Limit.MAILBOXES, accountId, limits.maxMailboxes());
            return made;
        });
        created.forEach(mailbox -> publish(MailboxEvent.Type.MAILBOX_CREATED, mailbox));
        return created.get(created.size() - 1);
    }

    /** Whether the name has inferior hierarchical names (existing mailboxes below it). */
    public boolean hasInferiors(long accountId, String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mailboxes WHERE account_id = ? AND name LIKE ? ESCAPE '\\')")
                .params(accountId, inferiorsPattern(MailboxService.canonicalName(name))).query(Boolean.class).single();
    }

    /**
     * Deletes a mailbox and its messages; inferior mailboxes stay (RFC 9051 §6.3.5). The mailbox row
     * is locked first, so a delivery in progress to it either commits before or fails after.
     */
    public void delete(Mailbox mailbox) {
        List<Long> contents = transactions.execute(status -> {
            List<Long> locked = jdbc.sql("SELECT id FROM mailboxes WHERE id = ? FOR UPDATE").param(mailbox.id())
                    .query(Long.class).list();
            if (locked.isEmpty()) {
                throw new MailboxNotFoundException(mailbox.name());
            }
            List<Long> ids = jdbc.sql("SELECT DISTINCT content_id FROM messages WHERE mailbox_id = ?")
                    .param(mailbox.id()).query(Long.class).list();
            jdbc.sql("DELETE FROM mailboxes WHERE id = ?").param(mailbox.id()).update();
            return ids;
        });
        mailboxes.collectContents(contents);
        publish(MailboxEvent.Type.MAILBOX_DELETED, mailbox);
    }

    /**
     * Renames a mailbox and all its inferiors (RFC 9051 §6.3.6), creating missing superiors of the
     * new name. UIDVALIDITY and UIDs are kept: the mailboxes are the same, only their names change.
     *
     * @return the renamed mailboxes, the renamed one first
     * @throws MailboxExistsException if the new name or a name below it is taken
     * @throws AccountLimitException if the superiors it needs would be more mailboxes than allowed
     */
    public List<Mailbox> rename(Mailbox from, String newName) {
        String target = MailboxService.canonicalName(newName);
        String old = from.name();
        List<Mailbox> created = new ArrayList<>();
        List<Mailbox> renamed = transactions.execute(status -> {
            AccountLimits.lock(jdbc, from.accountId());
            boolean taken = jdbc.sql("""
                    SELECT EXISTS (SELECT 1 FROM mailboxes WHERE account_id = ? AND (name = ? OR name LIKE ? ESCAPE '\\'))""")
                    .params(from.accountId(), target, inferiorsPattern(target)).query(Boolean.class).single();
            if (taken) {
                throw new MailboxExistsException(target);
            }
            created.addAll(createSuperiors(from.accountId(), target));
            if (!created.isEmpty()) {
                AccountLimits.requireAtMost(jdbc, Limit.MAILBOXES, from.accountId(), limits.maxMailboxes());
            }
            List<Mailbox> moved = new ArrayList<>(jdbc.sql("""
                    UPDATE mailboxes SET name = ? || substr(name, ?)
                    WHERE account_id = ? AND (name = ? OR name LIKE ? ESCAPE '\\') RETURNING *""")
                    .params(target, old.length() + 1, from.accountId(), old, inferiorsPattern(old))
                    .query(MailboxService::mailbox).list());
            if (moved.isEmpty()) {
                throw new MailboxNotFoundException(old);
            }
            moved.sort((a, b) -> a.id() == from.id() ? -1 : b.id() == from.id() ? 1 : a.name().compareTo(b.name()));
            return moved;
        });
        created.forEach(mailbox -> publish(MailboxEvent.Type.MAILBOX_CREATED, mailbox));
        renamed.forEach(mailbox -> publish(MailboxEvent.Type.MAILBOX_RENAMED, mailbox));
        return renamed;
    }

    /**
     * Adds a name to the subscriptions; subscribing twice is not an error.
     *
     * @throws AccountLimitException if the account would have more subscriptions than allowed
     */
    public void subscribe(long accountId, String name) {
        String canonical = MailboxService.canonicalName(name);
        transactions.executeWithoutResult(status -> {
            AccountLimits.lock(jdbc, accountId);
            int added = jdbc.sql("INSERT INTO subscriptions (account_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(accountId, canonical).update();
            if (added > 0) {
                AccountLimits.requireAtMost(jdbc, Limit.SUBSCRIPTIONS, accountId, limits.maxSubscriptions());
            }
            jdbc.sql("UPDATE mailboxes SET subscribed = true WHERE account_id = ? AND name = ?")
                    .params(accountId, canonical).update();
        });
        publishSubscription(accountId, canonical);
    }

    /** Removes a name from the subscriptions; removing an absent one is not an error. */
    public void unsubscribe(long accountId, String name) {
        String canonical = MailboxService.canonicalName(name);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM subscriptions WHERE account_id = ? AND name = ?").params(accountId, canonical).update();
            jdbc.sql("UPDATE mailboxes SET subscribed = false WHERE account_id = ? AND name = ?")
                    .params(accountId, canonical).update();
        });
        publishSubscription(accountId, canonical);
    }

    /** The subscribed names, whether or not a mailbox of that name exists, in name order. */
    public List<String> subscriptions(long accountId) {
        return jdbc.sql("SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name").param(accountId)
                .query(String.class).list();
    }

    private List<Mailbox> createSuperiors(long accountId, String name) {
        List<Mailbox> made = new ArrayList<>();
        for (int slash = name.indexOf(Mailbox.DELIMITER); slash > 0; slash = name.indexOf(Mailbox.DELIMITER, slash + 1)) {
            Mailbox superior = insert(accountId, MailboxService.canonicalName(name.substring(0, slash)));
            if (superior != null) {
                made.add(superior);
            }
        }
        return made;
    }

    /** Inserts a mailbox row, or returns null if the name is taken. */
    private Mailbox insert(long accountId, String name) {
        return jdbc.sql("""
                INSERT INTO mailboxes (account_id, name, subscribed) VALUES (?, ?, false)
                ON CONFLICT (account_id, name) DO NOTHING RETURNING *""")
                .params(accountId, name).query(MailboxService::mailbox).optional().orElse(null);
    }

    /** A LIKE pattern matching every name strictly below {@code name}. */
    static String inferiorsPattern(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + Mailbox.DELIMITER + "%";
    }

    /** For IMAP NOTIFY's SubscriptionChange (RFC 5465 §5.5). */
    private void publishSubscription(long accountId, String name) {
        events.publish(new MailboxEvent(MailboxEvent.Type.SUBSCRIPTIONS_CHANGED, accountId, 0, name, 0, List.of(),
                EventOrigin.ID));
    }

    private void publish(MailboxEvent.Type type, Mailbox mailbox) {
        events.publish(new MailboxEvent(type, mailbox.accountId(), mailbox.id(), mailbox.name(),
                mailbox.highestModSeq(), List.of(), EventOrigin.ID));
    }
}
