package io.mailplatform.smtp.auth;

import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import java.util.Locale;

/**
 * The server side of one SASL exchange inside SMTP AUTH (RFC 4954 §4): the mechanism's
 * challenges and the client's responses, as base64 text, until the credentials are known. Pure:
 * checking the password is the session's job.
 */
public interface SaslExchange {

    /** The mechanisms offered in EHLO, in order of preference. */
    String MECHANISMS = "PLAIN LOGIN";

    /** One step: either a challenge to send ({@code 334 <challenge>}) or the client's credentials. */
    record Step(String challenge, Credentials credentials) {
        public static Step challenge(String base64) {
            return new Step(base64, null);
        }

        public static Step done(Credentials credentials) {
            return new Step(null, credentials);
        }

        public boolean isDone() {
            return credentials != null;
        }
    }

    /** Starts with the initial response of the AUTH line ("=" for an empty one, RFC 4954 §4), or null. */
    Step start(String initialResponse) throws SaslException;

    /** Continues with the client's response line to the last challenge. */
    Step next(String response) throws SaslException;

    /** The exchange for a mechanism name, or null when it is not supported. */
    static SaslExchange forMechanism(String mechanism) {
        switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN":
                return new PlainExchange();
            case "LOGIN":
                return new LoginExchange();
            default:
                return null;
        }
    }

    /** RFC 4954 §4: a client cancels an exchange with a line holding only "*". */
    static boolean isCancel(String response) {
        return "*".equals(response);
    }
}
