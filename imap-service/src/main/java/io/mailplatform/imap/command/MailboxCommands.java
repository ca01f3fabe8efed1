package io.mailplatform.imap.command;

import java.time.Instant;
import java.util.List;

/** Commands of the authenticated state that work on mailboxes as a whole (RFC 9051 §6.3). */
public final class MailboxCommands {
    private MailboxCommands() {
    }

    public record Enable(String tag, List<String> capabilities) implements ImapCommand {
        public Enable {
            capabilities = List.copyOf(capabilities);
        }
    }

    /**
     * SELECT, or EXAMINE when {@code readOnly}, with the select parameters of RFC 7162.
     *
     * @param condstore the CONDSTORE parameter (§3.1.8)
     * @param qresync the QRESYNC parameter (§3.2.5), or null
     */
    public record Select(String tag, String mailbox, boolean readOnly, boolean condstore, QResync qresync)
            implements ImapCommand {
        public Select(String tag, String mailbox, boolean readOnly) {
            this(tag, mailbox, readOnly, false, null);
        }
    }

    /**
     * The QRESYNC select parameter (RFC 7162 §3.2.5): what the client knew when it last had the mailbox.
     *
     * @param knownUids the UIDs the client knows, or null (all)
     * @param knownSequences with {@code knownSequenceUids}, the seq-match-data, or null; a hint for
     *        servers that do not keep every expunge, which this one does, so it is parsed and unused
     */
    public record QResync(long uidValidity, long modSeq, SequenceSet knownUids, SequenceSet knownSequences,
            SequenceSet knownSequenceUids) {
    }

    public record Create(String tag, String mailbox) implements ImapCommand {
    }

    public record Delete(String tag, String mailbox) implements ImapCommand {
    }

    public record Rename(String tag, String from, String to) implements ImapCommand {
    }

    public record Subscribe(String tag, String mailbox) implements ImapCommand {
    }

    public record Unsubscribe(String tag, String mailbox) implements ImapCommand {
    }

    /** LIST selection options (RFC 9051 §6.3.9.1, RFC 6154 SPECIAL-USE). */
    public enum ListSelection {
        SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE
    }

    /** LIST return options other than STATUS (RFC 9051 §6.3.9.2, RFC 6154). */
    public enum ListReturn {
        SUBSCRIBED, CHILDREN, SPECIAL_USE,
        /** RFC 8440 LIST-MYRIGHTS. */
        MYRIGHTS
    }

    /**
     * LIST, basic or extended (RFC 9051 §6.3.9).
     *
     * @param selection selection options
     * @param reference the reference name
     * @param patterns one or more mailbox patterns
     * @param returns return options
     * @param statusItems the items of a STATUS return option, empty when absent
     * @param extended whether the extended syntax was used (options or a pattern list)
     */
    public record ListMailboxes(String tag, List<ListSelection> selection, String reference, List<String> patterns,
            List<ListReturn> returns, List<StatusItem> statusItems, boolean extended) implements ImapCommand {
        public ListMailboxes {
            selection = List.copyOf(selection);
            patterns = List.copyOf(patterns);
            returns = List.copyOf(returns);
            statusItems = List.copyOf(statusItems);
        }
    }

    /** LSUB (RFC 3501 §6.3.9, deprecated in RFC 9051 but still answered). */
    public record Lsub(String tag, String reference, String pattern) implements ImapCommand {
    }

    public record Namespace(String tag) implements ImapCommand {
    }

    /**
     * STATUS data items (RFC 9051 §6.3.11; RECENT from RFC 3501; HIGHESTMODSEQ from RFC 7162 §3.1.6;
     * DELETED-STORAGE from RFC 9208 §4.3).
     */
    public enum StatusItem {
        MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, RECENT, HIGHESTMODSEQ, DELETED_STORAGE;

        /** The item as written on the wire ({@code DELETED-STORAGE}). */
        public String wire() {
            return name().replace('_', '-');
        }

        /** The item named {@code name} (upper case) on the wire, or null. */
        public static StatusItem fromWire(String name) {
            for (StatusItem item : values()) {
                if (item.wire().equals(name)) {
                    return item;
                }
            }
            return null;
        }
    }

    public record Status(String tag, String mailbox, List<StatusItem> items) implements ImapCommand {
        public Status {
            items = List.copyOf(items);
        }
    }

    /**
     * APPEND (RFC 9051 §6.3.12).
     *
     * @param flags flag names as sent
     * @param internalDate the date-time argument, or null for "now"
     * @param message the message literal
     */
    public record Append(String tag, String mailbox, List<String> flags, Instant internalDate, byte[] message)
            implements ImapCommand {
        public Append {
            flags = List.copyOf(flags);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Append a && tag.equals(a.tag) && mailbox.equals(a.mailbox) && flags.equals(a.flags)
                    && java.util.Objects.equals(internalDate, a.internalDate) && java.util.Arrays.equals(message, a.message);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tag, mailbox, flags, internalDate, java.util.Arrays.hashCode(message));
        }

        @Override
        public String toString() {
            return "Append[tag=" + tag + ", mailbox=" + mailbox + ", flags=" + flags + ", internalDate=" + internalDate
                    + ", message=" + message.length + " octets]";
        }
    }

    /**
     * APPEND of several messages (MULTIAPPEND, RFC 3502), all stored or none.
     *
     * @param messages the messages in order, each as a single APPEND of the same tag and mailbox; two or more
     */
    public record MultiAppend(String tag, String mailbox, List<Append> messages) implements ImapCommand {
        public MultiAppend {
            messages = List.copyOf(messages);
        }
    }

    /** IDLE (RFC 9051 §6.3.13, RFC 2177). */
    public record Idle(String tag) implements ImapCommand {
    }
}
