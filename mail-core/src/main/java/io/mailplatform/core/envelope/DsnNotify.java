package io.mailplatform.core.envelope;

/** The RCPT TO {@code NOTIFY=} values (RFC 3461 §4.1). */
public enum DsnNotify {
    NEVER,
    SUCCESS,
    FAILURE,
    DELAY
}
