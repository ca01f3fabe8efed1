package io.mailplatform.pop3.response;

import io.mailplatform.pop3.command.MessageNumber;

/** The server's replies, named once (texts follow the examples of RFC 1939 where it has them). */
public final class Replies {
    private Replies() {
    }

    public static final StatusResponse OK = StatusResponse.ok("");
    public static final StatusResponse BEGIN_TLS = StatusResponse.ok("Begin TLS negotiation");
    public static final StatusResponse CAPABILITIES = StatusResponse.ok("Capability list follows");
    public static final StatusResponse UNIQUE_IDS = StatusResponse.ok("Unique-ID listing follows");
    public static final StatusResponse MECHANISMS = StatusResponse.ok("Supported SASL mechanisms follow");
    public static final StatusResponse SEND_PASS = StatusResponse.ok("Send PASS");
    public static final StatusResponse TOP_FOLLOWS = StatusResponse.ok("Top of message follows");

    public static final StatusResponse UNKNOWN_COMMAND = StatusResponse.err("Unknown command");
    public static final StatusResponse EMPTY_COMMAND = StatusResponse.err("Empty command line");
    public static final StatusResponse PASS_WITHOUT_USER = StatusResponse.err("Send USER first");
    public static final StatusResponse ALREADY_TLS = StatusResponse.err("Already using TLS");
    public static final StatusResponse TLS_UNAVAILABLE = StatusResponse.err(ResponseCode.SYS_PERM, "TLS is not available");
    /** RFC 2595 §2.2, RFC 3206: plaintext passwords need TLS first. */
    public static final StatusResponse PLAINTEXT_DISALLOWED = StatusResponse.err(ResponseCode.AUTH,
            "Plaintext authentication disallowed without TLS; use STLS first");
    public static final StatusResponse AUTH_FAILED = StatusResponse.err(ResponseCode.AUTH, "Authentication failed");
    /** RFC 3206 §4: a temporary condition, not the credentials; the client may retry. */
    public static final StatusResponse LOGIN_UNAVAILABLE = StatusResponse.err(ResponseCode.SYS_TEMP,
            "Too many login attempts in progress; try again later");
    public static final StatusResponse AUTHZID_REFUSED = StatusResponse.err(ResponseCode.AUTH,
            "Logging in as another user is not supported");
    public static final StatusResponse UNSUPPORTED_MECHANISM = StatusResponse.err("Unsupported SASL mechanism");
    public static final StatusResponse AUTH_CANCELLED = StatusResponse.err("AUTH cancelled");
    public static final StatusResponse IN_USE = StatusResponse.err(ResponseCode.IN_USE,
            "Maildrop already locked by another session");
    public static final StatusResponse LOGIN_DELAY = StatusResponse.err(ResponseCode.LOGIN_DELAY,
            "Logged in too recently; try again later");
    public static final StatusResponse NO_MAILDROP = StatusResponse.err(ResponseCode.SYS_PERM, "No maildrop for this account");
    public static final StatusResponse INTERNAL_ERROR = StatusResponse.err(ResponseCode.SYS_TEMP,
            "Internal error, try again later");
    public static final StatusResponse NOT_REMOVED = StatusResponse.err(ResponseCode.SYS_TEMP,
            "Some deleted messages not removed");
    public static final StatusResponse AUTOLOGOUT = StatusResponse.err("Autologout; idle for too long");

    public static StatusResponse greeting(String timestamp) {
        return StatusResponse.ok("POP3 server ready " + timestamp);
    }

    public static StatusResponse lineTooLong(int limit) {
        return StatusResponse.err("Line too long (limit " + limit + " octets)");
    }

    public static StatusResponse wrongState(String keyword, String state) {
        return StatusResponse.err(keyword + " is not valid in the " + state + " state");
    }

    public static StatusResponse noSuchMessage(int inMaildrop) {
        return StatusResponse.err("no such message, only " + messages(inMaildrop) + " in maildrop");
    }

    public static StatusResponse alreadyDeleted(MessageNumber number) {
        return StatusResponse.err("message " + number + " already deleted");
    }

    public static StatusResponse removedMeanwhile(MessageNumber number) {
        return StatusResponse.err(ResponseCode.SYS_PERM, "Message " + number + " was removed by another session");
    }

    public static StatusResponse deleted(MessageNumber number) {
        return StatusResponse.ok("message " + number + " deleted");
    }

    public static StatusResponse maildrop(String owner, int messages, long octets) {
        return StatusResponse.ok(owner + "'s maildrop has " + messages(messages) + " (" + octets + " octets)");
    }

    public static StatusResponse maildropAfterReset(int messages, long octets) {
        return StatusResponse.ok("maildrop has " + messages(messages) + " (" + octets + " octets)");
    }

    public static StatusResponse listing(int messages, long octets) {
        return StatusResponse.ok(messages(messages) + " (" + octets + " octets)");
    }

    public static StatusResponse octets(long octets) {
        return StatusResponse.ok(octets + " octets");
    }

    public static StatusResponse signingOff(String hostname) {
        return StatusResponse.ok(hostname + " POP3 server signing off");
    }

    public static StatusResponse signingOff(String hostname, int messagesLeft) {
        return StatusResponse.ok(hostname + " POP3 server signing off ("
                + (messagesLeft == 0 ? "maildrop empty" : messages(messagesLeft) + " left") + ")");
    }

    private static String messages(int count) {
        return count == 1 ? "1 message" : count + " messages";
    }
}
