package io.mailplatform.core.envelope;

import java.util.Set;

/**
 * One RCPT TO of an envelope (the forward path) with its DSN parameters.
 *
 * @param address the forward path, as the client wrote it (unquoted local part, A-label domain)
 * @param notifyOn the RFC 3461 NOTIFY set; empty when the client gave none
 * @param originalRecipient the RFC 3461 ORCPT value ({@code addr-type;xtext}), or null
 */
public record EnvelopeRecipient(String address, Set<DsnNotify> notifyOn, String originalRecipient) {

    public EnvelopeRecipient {
        notifyOn = Set.copyOf(notifyOn);
    }

    public static EnvelopeRecipient of(String address) {
        return new EnvelopeRecipient(address, Set.of(), null);
    }
}
