package io.mailplatform.imap.command;

/**
 * The ACL commands (RFC 4314 §3.1 to §3.5), valid in the authenticated and selected states.
 * Mailbox names are as the client sent them; identifiers and rights are astrings.
 */
public final class AclCommands {
    private AclCommands() {
    }

    /** SETACL mailbox identifier mod-rights (RFC 4314 §3.1); {@code rights} keeps its leading + or -. */
    public record SetAcl(String tag, String mailbox, String identifier, String rights) implements ImapCommand {
    }

    /** DELETEACL mailbox identifier (RFC 4314 §3.2). */
    public record DeleteAcl(String tag, String mailbox, String identifier) implements ImapCommand {
    }

    /** GETACL mailbox (RFC 4314 §3.3). */
    public record GetAcl(String tag, String mailbox) implements ImapCommand {
    }

    /** LISTRIGHTS mailbox identifier (RFC 4314 §3.4). */
    public record ListRights(String tag, String mailbox, String identifier) implements ImapCommand {
    }

    /** MYRIGHTS mailbox (RFC 4314 §3.5). */
    public record MyRights(String tag, String mailbox) implements ImapCommand {
    }
}
