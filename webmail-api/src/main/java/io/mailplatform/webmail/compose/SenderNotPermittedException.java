package io.mailplatform.webmail.compose;

/** A From address the account may not use (as SMTP submission's 553 5.7.1): 403. */
public class SenderNotPermittedException extends RuntimeException {
    public SenderNotPermittedException(String address) {
        super("This account may not send as " + address);
    }
}
