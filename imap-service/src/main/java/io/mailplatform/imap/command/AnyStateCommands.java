package io.mailplatform.imap.command;

import java.util.List;

/** Commands valid in any state (RFC 9051 §6.1), and ID (RFC 2971), also valid in any state. */
public final class AnyStateCommands {
    private AnyStateCommands() {
    }

    public record Capability(String tag) implements ImapCommand {
    }

    public record Noop(String tag) implements ImapCommand {
    }

    public record Logout(String tag) implements ImapCommand {
    }

    /**
     * RFC 2971 ID.
     *
     * @param parameters field/value pairs in order (values may be null), or null for {@code ID NIL}
     */
    public record Id(String tag, List<String> parameters) implements ImapCommand {
    }
}
