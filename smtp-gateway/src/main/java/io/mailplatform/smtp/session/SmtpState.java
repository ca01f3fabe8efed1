package io.mailplatform.smtp.session;

/** Where an SMTP session is (RFC 5321 §3.3, §4.1.4; RFC 3030; RFC 4954). */
public enum SmtpState {
    /** Greeting sent; EHLO or HELO expected (again after STARTTLS, RFC 3207 §4.2). */
    CONNECTED,
    /** EHLO/HELO done, no mail transaction. */
    GREETED,
    /** MAIL FROM accepted, no recipient yet. */
    MAIL,
    /** At least one RCPT TO accepted. */
    RCPT,
    /** Receiving the text after DATA's 354. */
    DATA,
    /** Between BDAT chunks of one message (RFC 3030). */
    BDAT,
    /** In a SASL exchange: lines are responses, not commands (RFC 4954 §4). */
    AUTH;

    public boolean inTransaction() {
        return this == MAIL || this == RCPT || this == DATA || this == BDAT;
    }
}
