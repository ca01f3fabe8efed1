package io.mailplatform.webmail.compose;

import io.mailplatform.core.address.MailboxAddress;
import java.util.List;

/**
 * A message ready to submit.
 *
 * @param raw the RFC 5322 octets, CRLF line ends, with no {@code Bcc} field
 * @param from the author, the envelope's reverse path
 * @param recipients To, Cc and Bcc together, each once: the envelope's forward paths
 * @param messageId the {@code Message-ID} it carries
 */
public record ComposedMessage(byte[] raw, MailboxAddress from, List<MailboxAddress> recipients, String messageId) {

    public ComposedMessage {
        recipients = List.copyOf(recipients);
    }
}
