package io.mailplatform.store.event;

import java.util.UUID;

/** Identifies this process in the events it publishes. */
public final class EventOrigin {
    public static final String ID = UUID.randomUUID().toString();

    private EventOrigin() {
    }
}
