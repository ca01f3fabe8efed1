package io.mailplatform.smtp.auth;

import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslPlain;

/** SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, sent at once or after an empty challenge. */
final class PlainExchange implements SaslExchange {

    @Override
    public Step start(String initialResponse) throws SaslException {
        if (initialResponse == null) {
            return Step.challenge("");
        }
        return next(initialResponse);
    }

    @Override
    public Step next(String response) throws SaslException {
        return Step.done(SaslPlain.decode("=".equals(response) ? "" : response));
    }
}
