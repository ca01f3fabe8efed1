package io.mailplatform.core.sasl;

import io.mailplatform.core.address.MailboxAddress;

/**
 * What a client presented to log in.
 *
 * @param authorizationId the identity to act as (SASL authzid), empty when the same as the login
 * @param username the login identity (a full mail address on this platform)
 * @param password the password; never logged
 */
public record Credentials(String authorizationId, String username, String password) {

    /**
     * True when the client asks to act as another identity than the one it logs in as (RFC 4616 §2),
     * which this platform does not support; spellings of the same address are the same identity.
     */
    public boolean actsForAnother() {
        return !authorizationId.isEmpty()
                && !MailboxAddress.lookupKey(authorizationId).equals(MailboxAddress.lookupKey(username));
    }
    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
