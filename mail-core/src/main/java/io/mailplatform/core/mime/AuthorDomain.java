package io.mailplatform.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The domain of a message's author: the domain of the address in its From field (RFC 5322 §3.6.2),
 * which DKIM signing picks its key by and DMARC aligns with. Only a From with exactly one field and
 * one mailbox has one (RFC 7489 §6.6.1 treats anything else as not having a usable author).
 */
public final class AuthorDomain {
    private AuthorDomain() {
    }

    public static Optional<String> of(byte[] message) {
        List<HeaderField> from = HeaderSection.fields(message).stream()
                .filter(field -> field.name().equalsIgnoreCase("From")).toList();
        if (from.size() != 1) {
            return Optional.empty();
        }
        List<EnvelopeAddress> addresses = AddressListParser.parse(from.get(0).value(message)).stream()
                .filter(address -> address.mailbox() != null && address.host() != null).toList();
        if (addresses.size() != 1 || addresses.get(0).host().equals(EnvelopeAddress.MISSING_DOMAIN)) {
            return Optional.empty();
        }
        return Optional.of(addresses.get(0).host().toLowerCase(Locale.ROOT));
    }
}
