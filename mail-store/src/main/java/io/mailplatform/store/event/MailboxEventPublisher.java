package io.mailplatform.store.event;

/** Sends mailbox change notices once the change is committed. Implementations never throw. */
public interface MailboxEventPublisher {
    void publish(MailboxEvent event);
}
