package io.mailplatform.store.directory;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import java.util.Optional;

/**
 * The postmaster (RFC 5321 §4.5.1): every mail server must accept the bare {@code <Postmaster>} and
 * {@code postmaster@} each of its domains, case-insensitively, and deliver them to a person. One
 * configured local mailbox ({@code mail.store.postmaster}) receives both, where a domain has no
 * {@code postmaster} address of its own. The gateway and delivery read it from here.
 */
public final class Postmaster {
    /** The reserved local part, matched case-insensitively. */
    public static final String LOCAL_PART = "postmaster";

    private final MailboxAddress address;

    /** @param address the configured address (checked by the properties), or null when none is */
    public Postmaster(String address) {
        try {
            this.address = address == null ? null : MailboxAddress.parse(address);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a postmaster address: " + address, e);
        }
    }

    /** The configured postmaster mailbox, if any. */
    public Optional<MailboxAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * The configured mailbox that mail to a recipient goes to when the recipient has no entry of its
     * own: present for {@code postmaster@<domain>} other than the configured address itself.
     *
     * @param normalized the recipient, {@link MailboxAddress#normalized() normalized}
     */
    public Optional<MailboxAddress> standInFor(String normalized) {
        if (address == null || !normalized.startsWith(LOCAL_PART + "@") || normalized.equals(address.normalized())) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}
