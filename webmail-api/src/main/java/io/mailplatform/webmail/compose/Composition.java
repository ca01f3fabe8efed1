package io.mailplatform.webmail.compose;

import java.util.List;

/**
 * A message as the user wrote it (the JSON of a send or draft request). Addresses are RFC 5322
 * mailboxes as typed ({@code bob@example.test} or {@code Bob Example <bob@example.test>}).
 *
 * @param from the author; null: the account's own address
 * @param to primary recipients
 * @param cc copy recipients
 * @param bcc blind copy recipients: they receive the message, no header names them
 * @param replyTo where replies should go (the {@code Reply-To} field), or empty
 * @param subject the subject, any Unicode
 * @param text the plain-text body, or null
 * @param html the HTML body, or null; with text as well, both go in a {@code multipart/alternative}
 * @param inReplyTo the {@code Message-ID} (with angle brackets) of the message answered, or null
 * @param references the {@code Message-ID}s of the thread, oldest first (for replies and forwards)
 */
public record Composition(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
        String subject, String text, String html, String inReplyTo, List<String> references) {

    public Composition {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
