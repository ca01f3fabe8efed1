package io.mailplatform.webmail.compose;

/** A composed message or an upload over {@code mail.webmail.send.max-message-size}: 413. */
public class MessageTooLargeException extends RuntimeException {
    public MessageTooLargeException(long size, long limit) {
        super("The message would be " + size + " octets, more than the " + limit + " allowed");
    }
}
