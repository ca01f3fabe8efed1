package io.mailplatform.core.sasl;

/** A malformed SASL exchange (bad base64, wrong field count); the protocol answers with its syntax error. */
public class SaslException extends Exception {
    private static final long serialVersionUID = 1L;

    public SaslException(String message) {
        super(message);
    }
}
