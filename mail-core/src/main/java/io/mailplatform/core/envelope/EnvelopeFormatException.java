package io.mailplatform.core.envelope;

/** The envelope bytes of a record cannot be read: the record is poison and goes to the dead-letter topic. */
public class EnvelopeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvelopeFormatException(String message) {
        super(message);
    }

    public EnvelopeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
