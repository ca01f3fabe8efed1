package io.mailplatform.core.dkim;

/** A signature or key record that cannot be used as written: a permanent error (RFC 6376 §6.1). */
public class DkimException extends Exception {
    public DkimException(String message) {
        super(message);
    }
}
