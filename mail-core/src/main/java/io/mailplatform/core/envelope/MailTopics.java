package io.mailplatform.core.envelope;

/** Names of the Kafka topics that connect the services (DESIGN.md, Contracts). */
public final class MailTopics {
    /** One record per accepted message: raw RFC 5322 bytes, envelope in the {@link EnvelopeCodec#HEADER} header. */
    public static final String INBOUND = "mail.inbound";
    /** Small change notices keyed by account. */
    public static final String MAILBOX_EVENTS = "mailbox.events";

    private MailTopics() {
    }
}
