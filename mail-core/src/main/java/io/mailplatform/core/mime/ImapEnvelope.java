package io.mailplatform.core.mime;

import java.util.List;

/**
 * The fields of an IMAP ENVELOPE (RFC 9051 §7.5.2), computed once at delivery. Strings are the raw
 * (unfolded, undecoded) field values, null for NIL; address lists are empty for NIL. Per the RFC,
 * {@code sender} and {@code replyTo} default to {@code from} when absent.
 */
public record ImapEnvelope(String date, String subject, List<EnvelopeAddress> from, List<EnvelopeAddress> sender,
        List<EnvelopeAddress> replyTo, List<EnvelopeAddress> to, List<EnvelopeAddress> cc, List<EnvelopeAddress> bcc,
        String inReplyTo, String messageId) {

    public ImapEnvelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
