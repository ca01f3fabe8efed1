package io.mailplatform.delivery.relay.smtp;

/** What became of the message text of a transaction (the DATA or BDAT phase). */
public sealed interface MessageOutcome {

    /** The server accepted the message for the recipients it accepted. */
    record Accepted(SmtpReply reply) implements MessageOutcome {
    }

    /** The message was not sent: no recipient was accepted, or the transaction failed before. */
    record NotSent() implements MessageOutcome {
    }

    /** The message was refused or its transfer broke off; every accepted recipient shares this failure. */
    record Failed(SmtpFailure failure) implements MessageOutcome {
    }
}
