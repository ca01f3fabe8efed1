package io.mailplatform.delivery.consume;

/** A record the service cannot read: not retried, sent to the dead-letter topic with this reason. */
public class PoisonRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
