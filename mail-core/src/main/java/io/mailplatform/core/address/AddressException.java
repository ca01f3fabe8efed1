package io.mailplatform.core.address;

/** Thrown when text is not a valid mailbox address or domain; the message is safe to show a client. */
public class AddressException extends Exception {
    private static final long serialVersionUID = 1L;

    public AddressException(String message) {
        super(message);
    }
}
