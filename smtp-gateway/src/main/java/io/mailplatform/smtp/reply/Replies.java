package io.mailplatform.smtp.reply;

/**
 * Every fixed reply of the gateway, named once (RFC 5321 §4.2.2 codes, RFC 3463 / RFC 5248 enhanced
 * status codes). Replies that name the host or an id are built with {@link SmtpReply#withText}.
 */
public final class Replies {
    // ---- success (2xx) and intermediate (3xx)
    public static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
    public static final SmtpReply RESET = SmtpReply.of(250, "2.0.0", "Reset state");
    public static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender ok");
    public static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient ok");
    /** RFC 5321 §3.5.3: VRFY answered without confirming or denying that an account exists. */
    public static final SmtpReply CANNOT_VRFY = SmtpReply.of(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");
    public static final SmtpReply QUEUED = SmtpReply.of(250, "2.0.0", "Ok: queued");
    public static final SmtpReply CHUNK_RECEIVED = SmtpReply.of(250, "2.0.0", "Chunk received");
    public static final SmtpReply CLOSING = SmtpReply.of(221, "2.0.0", "Bye");
    public static final SmtpReply READY_FOR_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    public static final SmtpReply AUTHENTICATED = SmtpReply.of(235, "2.7.0", "Authentication successful");
    /** 354 is an intermediate reply: no enhanced status code (RFC 2034 §3). */
    public static final SmtpReply START_MAIL_INPUT = SmtpReply.of(354, null, "Start mail input; end with <CRLF>.<CRLF>");

    // ---- transient failures (4xx)
    public static final SmtpReply SHUTTING_DOWN = SmtpReply.of(421, "4.3.2", "Service shutting down, try again later");
    public static final SmtpReply TIMEOUT = SmtpReply.of(421, "4.4.2", "Timeout, closing connection");
    public static final SmtpReply TOO_MANY_ERRORS = SmtpReply.of(421, "4.7.0", "Too many errors, closing connection");
    public static final SmtpReply TOO_MANY_CONNECTIONS = SmtpReply.of(421, "4.7.0", "Too many connections, try again later");
    public static final SmtpReply NOT_STORED = SmtpReply.of(451, "4.3.0", "Temporary failure storing the message, try again later");
    /** RFC 5321 §4.5.1 wants {@code <Postmaster>} accepted; until an operator configures it, the sender retries (RFC 3463 4.3.5). */
    public static final SmtpReply POSTMASTER_UNAVAILABLE = SmtpReply.of(451, "4.3.5",
            "Postmaster mailbox not configured, try again later");
    public static final SmtpReply INTERNAL_ERROR = SmtpReply.of(451, "4.3.0", "Internal error, try again later");
    /** RFC 4954 §6: the attempt was not checked (too many login attempts in flight); the client may retry. */
    public static final SmtpReply AUTH_TEMPORARY_FAILURE = SmtpReply.of(454, "4.7.0",
            "Temporary authentication failure, try again later");
    public static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    /** RFC 5321 §4.2.2 452, RFC 3463 4.3.1 "mail system full": the memory budget for message text is used up. */
    public static final SmtpReply INSUFFICIENT_STORAGE = SmtpReply.of(452, "4.3.1", "Insufficient system storage");

    // ---- permanent failures (5xx): syntax and sequence
    public static final SmtpReply UNRECOGNIZED = SmtpReply.of(500, "5.5.1", "Command not recognized");
    public static final SmtpReply SYNTAX_ERROR = SmtpReply.of(500, "5.5.2", "Syntax error, command unrecognized");
    public static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.6", "Line too long");
    public static final SmtpReply ARGUMENT_SYNTAX = SmtpReply.of(501, "5.5.2", "Syntax error in parameters or arguments");
    public static final SmtpReply NOT_IMPLEMENTED = SmtpReply.of(502, "5.5.1", "Command not implemented");
    public static final SmtpReply BAD_SEQUENCE = SmtpReply.of(503, "5.5.1", "Bad sequence of commands");
    public static final SmtpReply HELLO_FIRST = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    public static final SmtpReply MAIL_FIRST = SmtpReply.of(503, "5.5.1", "Need MAIL before this command");
    public static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Nested MAIL command");
    public static final SmtpReply TRANSACTION_IN_PROGRESS = SmtpReply.of(503, "5.5.1", "Not allowed during a mail transaction");
    public static final SmtpReply BDAT_IN_PROGRESS = SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT");
    public static final SmtpReply BINARYMIME_NEEDS_BDAT = SmtpReply.of(503, "5.5.1", "BODY=BINARYMIME requires BDAT");
    public static final SmtpReply TLS_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS already active");
    public static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    public static final SmtpReply UNSUPPORTED_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication mechanism");
    public static final SmtpReply UNSUPPORTED_PARAMETER = SmtpReply.of(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");
    public static final SmtpReply BAD_PARAMETER_VALUE = SmtpReply.of(501, "5.5.4", "Invalid parameter value");
    /** RFC 3461 parameters where the DSN extension is not offered (the MX listener). */
    public static final SmtpReply DSN_NOT_OFFERED = SmtpReply.of(555, "5.5.4",
            "DSN parameters are accepted on the submission ports only");

    // ---- permanent failures: addresses, policy, content
    public static final SmtpReply BAD_SENDER_SYNTAX = SmtpReply.of(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = SmtpReply.of(501, "5.1.3", "Bad recipient address syntax");
    public static final SmtpReply NO_SUCH_USER = SmtpReply.of(550, "5.1.1", "No such user here");
    /** RFC 3463 5.7.1: an authenticated client sending as an address its account does not own. */
    public static final SmtpReply SENDER_NOT_OWNED = SmtpReply.of(553, "5.7.1",
            "Sender address not owned by the authenticated user");
    public static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relaying denied");
    /** RFC 3463 5.7.2: a members-only distribution list and a sender that is not a member. */
    public static final SmtpReply MEMBERS_ONLY = SmtpReply.of(550, "5.7.2", "Only members may send to this list");
    /**
     * An SRS address of ours that we never made (bad hash, malformed) or that is older than its maximum
     * age: for the sender no such address exists, the answer Postfix with postsrsd gives too.
     */
    public static final SmtpReply SRS_INVALID = SmtpReply.of(550, "5.1.1", "No such address: invalid SRS address");
    public static final SmtpReply SRS_EXPIRED = SmtpReply.of(550, "5.1.1", "No such address: SRS address expired");
    /** RFC 3463 5.7.1: a valid SRS address takes bounces (the null reverse path) only, so it forwards nothing else. */
    public static final SmtpReply SRS_BOUNCES_ONLY = SmtpReply.of(550, "5.7.1",
            "This address accepts only bounces (MAIL FROM:<>)");
    public static final SmtpReply NO_VALID_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
    public static final SmtpReply SIZE_EXCEEDED = SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /** RFC 6531 §3.7.4.1 and RFC 5248: a UTF-8 address without the SMTPUTF8 parameter. */
    public static final SmtpReply UTF8_ADDRESS_NEEDS_SMTPUTF8 = SmtpReply.of(553, "5.6.7",
            "Non-ASCII address requires the SMTPUTF8 parameter");

    // ---- authentication (RFC 4954 §6, RFC 3207 §4)
    public static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    public static final SmtpReply STARTTLS_FIRST = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final SmtpReply ENCRYPTION_REQUIRED = SmtpReply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    public static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.7.0", "Authentication cancelled");
    public static final SmtpReply AUTH_BAD_RESPONSE = SmtpReply.of(501, "5.5.2", "Cannot decode the authentication response");

    private Replies() {
    }
}
