package io.mailplatform.store.mailbox;

/** How a STORE changes flags (RFC 9051 §6.4.6): replace, add or remove. */
public enum FlagMode {
    REPLACE,
    ADD,
    REMOVE
}
