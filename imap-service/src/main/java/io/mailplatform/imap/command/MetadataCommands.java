package io.mailplatform.imap.command;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The METADATA commands (RFC 5464 §4), valid in the authenticated and selected states. */
public final class MetadataCommands {
    private MetadataCommands() {
    }

    /** How far below each requested entry GETMETADATA looks (RFC 5464 §4.2.2). */
    public enum Depth {
        /** The entry only (the default). */
        ZERO,
        /** The entry and its immediate children. */
        ONE,
        /** The entry and everything below it. */
        INFINITY
    }

    /**
     * GETMETADATA [options] mailbox entries (RFC 5464 §4.2); the mailbox "" names the server.
     *
     * @param maxSize the MAXSIZE option, or null
     * @param entries the entry names as the client sent them
     */
    public record GetMetadata(String tag, String mailbox, Long maxSize, Depth depth, List<String> entries)
            implements ImapCommand {
        public GetMetadata {
            entries = List.copyOf(entries);
        }
    }

    /** One {@code entry-value}: an entry name and its value, null (NIL) to remove the entry. */
    public record EntryValue(String entry, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof EntryValue other && entry.equals(other.entry) && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entry, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return entry + (value == null ? " NIL" : " {" + value.length + "}");
        }
    }

    /** SETMETADATA mailbox (entry-value ...) (RFC 5464 §4.3); the mailbox "" names the server. */
    public record SetMetadata(String tag, String mailbox, List<EntryValue> values) implements ImapCommand {
        public SetMetadata {
            values = List.copyOf(values);
        }
    }
}
