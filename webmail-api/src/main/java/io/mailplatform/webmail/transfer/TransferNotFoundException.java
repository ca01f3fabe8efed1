package io.mailplatform.webmail.transfer;

/** An account, job or server path that does not exist: 404. */
public class TransferNotFoundException extends RuntimeException {
    public TransferNotFoundException(String message) {
        super(message);
    }
}
