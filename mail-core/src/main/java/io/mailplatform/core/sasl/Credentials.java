package io.mailplatform.core.sasl;

/**
 * What a client presented to log in.
 *
 * @param authorizationId the identity to act as (SASL authzid), empty when the same as the login
 * @param username the login identity (a full mail address on this platform)
 * @param password the password; never logged
 */
public record Credentials(String authorizationId, String username, String password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
