package io.mailplatform.smtp.command;

import io.mailplatform.core.address.MailboxAddress;

/**
 * RFC 5321 {@code Reverse-path = Path / "<>"}: the MAIL FROM address, or the null path used by
 * notifications (§4.5.5).
 *
 * @param mailbox the address, or null for the null path
 * @param utf8 whether the address was written with non-ASCII characters (needs SMTPUTF8, RFC 6531 §3.4)
 */
public record ReversePath(MailboxAddress mailbox, boolean utf8) {
    public static final ReversePath NULL = new ReversePath(null, false);

    public boolean isNull() {
        return mailbox == null;
    }

    /** The envelope form: the address, or the empty string for {@code <>}. */
    public String envelopeForm() {
        return mailbox == null ? "" : mailbox.toString();
    }
}
