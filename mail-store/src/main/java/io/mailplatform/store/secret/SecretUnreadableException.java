package io.mailplatform.store.secret;

/** A stored secret cannot be decrypted: it was encrypted under another key, or it was altered. */
public class SecretUnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
