package io.mailplatform.imap.auth;

import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslBase64;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.ResponseCode;

/**
 * The client's AUTHENTICATE PLAIN response (RFC 4616, as initial response per RFC 4959 or after a
 * continuation), decoded with the mail-core mechanism and its failures mapped to IMAP responses.
 * Checking the password, and the login throttle's delay, are the Authenticator's.
 */
public final class SaslPlainResponse {
    private SaslPlainResponse() {
    }

    /**
     * @throws ImapSyntaxException for invalid base64, which RFC 9051 §6.2.2 answers with BAD
     * @throws ImapNoException [AUTHENTICATIONFAILED] for a malformed PLAIN message, and
     *         [AUTHORIZATIONFAILED] when the client asks to act as another user
     */
    public static Credentials credentials(String response) {
        try {
            SaslBase64.decode(response);
        } catch (SaslException e) {
            throw new ImapSyntaxException("Invalid base64 in the authentication response");
        }
        Credentials credentials;
        try {
            credentials = SaslPlain.decode(response);
        } catch (SaslException e) {
            throw new ImapNoException(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
        }
        if (credentials.actsForAnother()) {
            throw new ImapNoException(ResponseCode.AUTHORIZATIONFAILED, "Acting as another user is not permitted");
        }
        return credentials;
    }
}
