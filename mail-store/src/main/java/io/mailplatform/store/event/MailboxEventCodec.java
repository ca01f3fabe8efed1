package io.mailplatform.store.event;

import tools.jackson.databind.json.JsonMapper;

/** JSON form of {@link MailboxEvent} on the {@code mailbox.events} topic: small and readable with kafka-console-consumer. */
public final class MailboxEventCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MailboxEventCodec() {
    }

    public static byte[] encode(MailboxEvent event) {
        return JSON.writeValueAsBytes(event);
    }

    /** Decodes an event; returns null for bytes that are not one (events are hints, never fatal). */
    public static MailboxEvent decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, MailboxEvent.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
