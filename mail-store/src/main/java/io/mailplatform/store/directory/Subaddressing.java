package io.mailplatform.store.directory;

import io.mailplatform.core.address.MailboxAddress;
import java.util.Locale;

/**
 * Subaddresses (RFC 5233): {@code user+tag@domain} reaches {@code user@domain} when it has no entry
 * of its own. One separator ({@code mail.store.subaddress-separator}) for the gateway's checks and
 * for delivery, so both agree on what an address means.
 *
 * @param separator what separates user and tag; empty disables subaddressing
 */
public record Subaddressing(String separator) {

    /** The normalized address without its tag, or null when it has none. */
    public String base(MailboxAddress address) {
        if (separator.isEmpty()) {
            return null;
        }
        int at = address.localPart().indexOf(separator);
        if (at <= 0) {
            return null;
        }
        return address.localPart().substring(0, at).toLowerCase(Locale.ROOT) + "@" + address.domain().name();
    }
}
