package io.mailplatform.store.event;

/** Sends mailbox change notices once the change is committed. Implementations never throw and never wait for the broker. */
public interface MailboxEventPublisher {
    void publish(MailboxEvent event);
}
