package io.mailplatform.smtp.auth;

import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslBase64;
import io.mailplatform.core.sasl.SaslException;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): the server asks for "Username:" and then
 * "Password:", each answered in base64. Not an RFC, but Outlook and many devices use it; some send
 * the user name as an initial response ({@code AUTH LOGIN dXNlcg==}), which is accepted too.
 */
final class LoginExchange implements SaslExchange {
    private static final String USERNAME = SaslBase64.encode("Username:");
    private static final String PASSWORD = SaslBase64.encode("Password:");

    private String username;

    @Override
    public Step start(String initialResponse) throws SaslException {
        if (initialResponse == null) {
            return Step.challenge(USERNAME);
        }
        return next(initialResponse);
    }

    @Override
    public Step next(String response) throws SaslException {
        String decoded = SaslBase64.decodeUtf8("=".equals(response) ? "" : response);
        if (username == null) {
            username = decoded;
            return Step.challenge(PASSWORD);
        }
        return Step.done(new Credentials(null, username, decoded));
    }
}
