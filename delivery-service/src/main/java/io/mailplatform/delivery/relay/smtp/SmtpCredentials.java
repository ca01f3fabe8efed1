package io.mailplatform.delivery.relay.smtp;

import java.util.Objects;

/**
 * Credentials for SMTP AUTH (RFC 4954) at a smart host, sent only over TLS. {@link #toString()}
 * never shows the password.
 */
public record SmtpCredentials(String username, String password) {

    public SmtpCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "SmtpCredentials[username=" + username + ", password=(hidden)]";
    }
}
