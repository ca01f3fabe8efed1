package io.mailplatform.core.mime;

import java.util.List;

/**
 * The fields of an IMAP ENVELOPE (RFC 9051 §7.5.2), computed once at delivery. Strings are the raw
 * (unfolded, undecoded) field values, null for NIL; address lists are empty for NIL. Per the RFC,
 * {@code sender} and {@code replyTo} default to {@code from} when absent (or present but empty).
 * Header bytes are read as UTF-8 (RFC 6532) when they are valid UTF-8, otherwise as ISO-8859-1,
 * so 8-bit junk stays visible instead of turning into replacement characters. The first
 * occurrence of each field counts.
 */
public record ImapEnvelope(String date, String subject, List<EnvelopeAddress> from, List<EnvelopeAddress> sender,
        List<EnvelopeAddress> replyTo, List<EnvelopeAddress> to, List<EnvelopeAddress> cc, List<EnvelopeAddress> bcc,
        String inReplyTo, String messageId) {

    /** The envelope of a message without any of these header fields. */
    public static final ImapEnvelope EMPTY = new ImapEnvelope(null, null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), null, null);

    public ImapEnvelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
