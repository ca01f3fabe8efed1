package io.mailplatform.imap.command;

/** Commands of the not-authenticated state (RFC 9051 §6.2). */
public final class AuthCommands {
    private AuthCommands() {
    }

    public record StartTls(String tag) implements ImapCommand {
    }

    /** LOGIN; {@link #toString()} never shows the password. */
    public record Login(String tag, String username, String password) implements ImapCommand {
        @Override
        public String toString() {
            return "Login[tag=" + tag + ", username=" + username + "]";
        }
    }

    /**
     * AUTHENTICATE with an optional SASL-IR initial response (RFC 4959).
     *
     * @param initialResponse the base64 text as sent ("=" for an empty one), or null if absent
     */
    public record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
        @Override
        public String toString() {
            return "Authenticate[tag=" + tag + ", mechanism=" + mechanism + "]";
        }
    }
}
