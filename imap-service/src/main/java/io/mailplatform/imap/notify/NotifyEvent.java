package io.mailplatform.imap.notify;

/** The events of RFC 5465 §5 this server reports, with their wire names. */
public enum NotifyEvent {
    MESSAGE_NEW("MessageNew"),
    MESSAGE_EXPUNGE("MessageExpunge"),
    FLAG_CHANGE("FlagChange"),
    MAILBOX_NAME("MailboxName"),
    SUBSCRIPTION_CHANGE("SubscriptionChange");

    private final String wire;

    NotifyEvent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The event named so (case-insensitive), or null when this server does not report it. */
    public static NotifyEvent fromWire(String name) {
        for (NotifyEvent event : values()) {
            if (event.wire.equalsIgnoreCase(name)) {
                return event;
            }
        }
        return null;
    }
}
