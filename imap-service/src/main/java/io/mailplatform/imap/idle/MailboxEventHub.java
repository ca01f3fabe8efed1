package io.mailplatform.imap.idle;

import io.mailplatform.store.event.MailboxEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fans mailbox events out to the sessions of this instance that have the mailbox selected. A
 * notice only tells a session to look at the store sooner (an IDLE session at once); what it then
 * reports comes from the store, so a lost, late or duplicated event never changes what a client sees.
 */
@Component
public class MailboxEventHub {
    /** A session interested in one mailbox. Called on the event consumer's thread: hand off, don't block. */
    @FunctionalInterface
    public interface Listener {
        void mailboxChanged(MailboxEvent event);
    }

    private final Map<Long, Set<Listener>> listeners = new ConcurrentHashMap<>();
    /** Sessions with NOTIFY (RFC 5465), which hear of every mailbox of their account. */
    private final Map<Long, Set<Listener>> accountListeners = new ConcurrentHashMap<>();

    public void register(long mailboxId, Listener listener) {
        listeners(listeners, mailboxId).add(listener);
    }

    public void unregister(long mailboxId, Listener listener) {
        remove(listeners, mailboxId, listener);
    }

    private static Set<Listener> listeners(Map<Long, Set<Listener>> map, long key) {
        return map.computeIfAbsent(key, id -> ConcurrentHashMap.newKeySet());
    }

    private static void remove(Map<Long, Set<Listener>> map, long key, Listener listener) {
        map.computeIfPresent(key, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public void registerAccount(long accountId, Listener listener) {
        listeners(accountListeners, accountId).add(listener);
    }

    public void unregisterAccount(long accountId, Listener listener) {
        remove(accountListeners, accountId, listener);
    }

    public void publish(MailboxEvent event) {
        Set<Listener> interested = listeners.get(event.mailboxId());
        if (interested != null) {
            interested.forEach(listener -> listener.mailboxChanged(event));
        }
        Set<Listener> accountWide = accountListeners.get(event.accountId());
        if (accountWide != null) {
            accountWide.forEach(listener -> listener.mailboxChanged(event));
        }
    }

    /** How many sessions listen, over all mailboxes. */
    public int size() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }
}
