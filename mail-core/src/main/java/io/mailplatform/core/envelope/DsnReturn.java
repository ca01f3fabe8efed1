package io.mailplatform.core.envelope;

/** The MAIL FROM {@code RET=} parameter (RFC 3461 §4.3). */
public enum DsnReturn {
    FULL,
    HDRS
}
