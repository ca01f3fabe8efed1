package io.mailplatform.webmail.mail;

/** A request asks for more than one request may (413). */
public class PayloadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
