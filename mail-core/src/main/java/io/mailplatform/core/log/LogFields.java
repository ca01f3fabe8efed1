package io.mailplatform.core.log;

/**
 * The correlation fields of the platform's log lines, as SLF4J MDC keys; in structured (JSON) logs
 * each is a field of its own, so one session or one message can be followed across services.
 */
public final class LogFields {
    /** The connection a line belongs to: protocol and channel, e.g. {@code smtp-5f2a9c1e}. */
    public static final String SESSION_ID = "sessionId";
    /** The message a line is about: the envelope id the gateway gave it (also in its 250 reply and Received field). */
    public static final String ENVELOPE_ID = "envelopeId";

    private LogFields() {
    }
}
