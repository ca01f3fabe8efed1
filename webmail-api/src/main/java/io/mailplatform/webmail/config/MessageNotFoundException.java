package io.mailplatform.webmail.config;

/** The requested message does not exist in that mailbox. */
public class MessageNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessageNotFoundException(String mailbox, long uid) {
        super("no message " + uid + " in " + mailbox);
    }

    public MessageNotFoundException(String mailbox, long uid, String partId) {
        super("no part " + partId + " in message " + uid + " of " + mailbox);
    }
}
