package io.mailplatform.smtp.command;

import io.mailplatform.core.address.MailboxAddress;

/**
 * RFC 5321 {@code Forward-path}: the RCPT TO address. {@code <Postmaster>} without a domain is
 * legal (§4.1.1.3) and means the postmaster of this server.
 *
 * @param mailbox the address, or null for the bare {@code <Postmaster>}
 * @param utf8 whether the address was written with non-ASCII characters (needs SMTPUTF8)
 */
public record ForwardPath(MailboxAddress mailbox, boolean utf8) {
    public static final ForwardPath POSTMASTER = new ForwardPath(null, false);

    public boolean isBarePostmaster() {
        return mailbox == null;
    }
}
