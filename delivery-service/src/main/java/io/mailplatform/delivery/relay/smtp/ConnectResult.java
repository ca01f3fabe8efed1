package io.mailplatform.delivery.relay.smtp;

/** The outcome of {@link SmtpClient#connect}: a ready connection, or why there is none. */
public sealed interface ConnectResult {

    /** Greeted, EHLO (or HELO) done, TLS and AUTH as asked: ready for transactions. */
    record Connected(SmtpConnection connection) implements ConnectResult {
    }

    /** No connection; {@link SmtpFailure#permanent()} tells whether to bounce or to try elsewhere or later. */
    record Failed(RemoteHost host, SmtpFailure failure) implements ConnectResult {
    }
}
