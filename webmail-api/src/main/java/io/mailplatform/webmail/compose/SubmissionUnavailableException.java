package io.mailplatform.webmail.compose;

/** Kafka did not acknowledge the message in time (SMTP's 451 4.3.0): nothing was sent, 503. */
public class SubmissionUnavailableException extends RuntimeException {
    public SubmissionUnavailableException(Throwable cause) {
        super("The message could not be handed to the mail system; try again later", cause);
    }
}
