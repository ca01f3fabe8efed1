package io.mailplatform.core.mtasts;

/** A policy file or a {@code _mta-sts} record that does not follow RFC 8461. */
public final class MtaStsSyntaxException extends Exception {
    public MtaStsSyntaxException(String message) {
        super(message);
    }
}
