package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MetadataCommands;
import io.mailplatform.imap.command.MetadataCommands.Depth;
import io.mailplatform.imap.command.MetadataCommands.EntryValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GETMETADATA and SETMETADATA (RFC 5464 §5 ABNF): {@code getmetadata = "GETMETADATA" [SP
 * getmetadata-options] SP mailbox SP entries}, {@code setmetadata = "SETMETADATA" SP mailbox SP "("
 * entry-value *(SP entry-value) ")"}. Entry names are checked by the processor, which knows the
 * rules of RFC 5464 §3.2; the parser only reads their syntax.
 */
final class MetadataCommandParsers {
    private MetadataCommandParsers() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("GETMETADATA", MetadataCommandParsers::getmetadata);
        table.put("SETMETADATA", (tag, c) -> {
            String mailbox = MailboxCommandParsers.spMailbox(c);
            c.sp();
            c.expect('(');
            List<EntryValue> values = new ArrayList<>();
            do {
                String entry = c.astring();
                c.sp();
                values.add(new EntryValue(entry, value(c)));
            } while (c.space());
            c.expect(')');
            return new MetadataCommands.SetMetadata(tag, mailbox, values);
        });
    }

    /**
     * Options before the mailbox as the ABNF has them, or after it as RFC 5464's own examples
     * (§4.2.1, §4.2.2) write them; entry names start with a slash or a quote, so the two never meet.
     */
    private static MetadataCommands.GetMetadata getmetadata(String tag, ImapCursor c) {
        c.sp();
        Options options = new Options();
        if (startsOptions(c)) {
            options.read(c);
            c.sp();
        }
        String mailbox = c.astring();
        c.sp();
        if (options.empty() && startsOptions(c)) {
            options.read(c);
            c.sp();
        }
        List<String> entries = new ArrayList<>();
        if (c.take('(')) {
            do {
                entries.add(c.astring());
            } while (c.space());
            c.expect(')');
        } else {
            entries.add(c.astring());
        }
        return new MetadataCommands.GetMetadata(tag, mailbox, options.maxSize,
                options.depth == null ? Depth.ZERO : options.depth, entries);
    }

    private static boolean startsOptions(ImapCursor c) {
        String ahead = c.takeWhileNoAdvance(ch -> ch == '(' || Character.isLetter(ch));
        return ahead.length() > 1 && ahead.charAt(0) == '(' && Character.isLetter(ahead.charAt(1));
    }

    /** {@code getmetadata-options = "(" getmetadata-option *(SP getmetadata-option) ")"}. */
    private static final class Options {
        private Long maxSize;
        private Depth depth;

        boolean empty() {
            return maxSize == null && depth == null;
        }

        void read(ImapCursor c) {
            c.expect('(');
            do {
                String option = c.keyword();
                c.sp();
                if (option.equals("MAXSIZE") && maxSize == null) {
                    maxSize = c.number();
                } else if (option.equals("DEPTH") && depth == null) {
                    depth = depth(c);
                } else {
                    throw c.error("Unknown or repeated GETMETADATA option " + option);
                }
            } while (c.space());
            c.expect(')');
        }
    }

    /** {@code scope-opt = "DEPTH" SP ("0" / "1" / "infinity")}. */
    private static Depth depth(ImapCursor c) {
        if (c.take('0')) {
            return Depth.ZERO;
        }
        if (c.take('1')) {
            return Depth.ONE;
        }
        if (c.takeKeyword("INFINITY")) {
            return Depth.INFINITY;
        }
        throw c.error("DEPTH is 0, 1 or infinity");
    }

    /** {@code value = nstring / literal8}. */
    private static byte[] value(ImapCursor c) {
        if (c.takeKeyword("NIL")) {
            return null;
        }
        return c.peek() == '~' ? c.literal() : c.stringBytes();
    }
}
