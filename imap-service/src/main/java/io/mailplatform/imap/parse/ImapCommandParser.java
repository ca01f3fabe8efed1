package io.mailplatform.imap.parse;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.codec.ImapFrameDecoder;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.response.ImapSyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one complete command: {@code tag SP command-name [arguments]} (RFC 9051 §9 {@code command}),
 * the name looked up in one table that every command family fills. A pure function of the frame:
 * no session, no store.
 */
public final class ImapCommandParser {
    private final Map<String, CommandParser> table = new HashMap<>();

    public ImapCommandParser(ParserLimits limits) {
        SequenceSetParser sequenceSets = new SequenceSetParser(limits);
        SessionCommandParsers.register(table);
        MailboxCommandParsers.register(table, sequenceSets);
        ListCommandParser.register(table);
        MessageCommandParsers.register(table, sequenceSets);
        FetchCommandParser.register(table, sequenceSets);
        SearchCommandParser.register(table, new SearchKeyParser(limits, sequenceSets));
        QuotaCommandParsers.register(table);
        MetadataCommandParsers.register(table);
        NotifyCommandParser.register(table);
        AclCommandParsers.register(table);
        CompressCommandParser.register(table);
    }

    /** The command names this parser knows, e.g. "FETCH" and "UID FETCH". */
    public java.util.Set<String> commandNames() {
        return java.util.Collections.unmodifiableSet(table.keySet());
    }

    /**
     * Reads the tag and command name of a command's first line, before its literals arrive, so an
     * unknown command is refused before the client sends them (RFC 9051 §2.2.1, §7.6).
     *
     * @return the name as in {@link #commandNames()} (e.g. "UID FETCH")
     * @throws CommandParseException if the tag or the name is not valid
     */
    public String commandName(byte[] firstLine) {
        ImapCursor cursor = new ImapCursor(new CommandFrame(List.of(firstLine), List.of()));
        String word = cursor.takeWhile(c -> c != ' ');
        if (!isTag(word)) {
            throw new CommandParseException(null, new ImapSyntaxException("Invalid tag"));
        }
        String name = cursor.take(' ') ? cursor.takeWhile(Character::isLetter).toUpperCase(java.util.Locale.ROOT) : "";
        if (name.equals("UID") && cursor.take(' ')) {
            name = "UID " + cursor.takeWhile(Character::isLetter).toUpperCase(java.util.Locale.ROOT);
        }
        if (!table.containsKey(name) || (cursor.peek() != ' ' && cursor.peek() != -1)) {
            throw new CommandParseException(word,
                    new ImapSyntaxException(name.isEmpty() ? "Missing command name" : "Unknown command " + name.strip()));
        }
        return name;
    }

    /**
     * Parses a frame.
     *
     * @throws CommandParseException for anything malformed, with the tag if there was one
     */
    public ImapCommand parse(CommandFrame frame) {
        ImapCursor cursor = new ImapCursor(frame);
        String tag = null;
        try {
            if (cursor.atEnd()) {
                throw new ImapSyntaxException("Empty command line");
            }
            String word = cursor.takeWhile(c -> c != ' ');
            if (!isTag(word)) {
                throw new ImapSyntaxException("Invalid tag");
            }
            tag = word;
            if (!cursor.take(' ')) {
                throw new ImapSyntaxException("Missing command");
            }
            String name = cursor.takeWhile(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')).toUpperCase(java.util.Locale.ROOT);
            if (name.equals("UID")) {
                // the tag, the command name and UID's command are tokens of the command line, one
                // space apart as commandName() reads them before the literals arrive
                cursor.expect(' ');
                name = "UID " + cursor.takeWhile(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
                        .toUpperCase(java.util.Locale.ROOT);
            }
            int next = cursor.peek();
            CommandParser parser = table.get(name);
            if (parser == null || (next != -1 && next != ' ')) {
                throw new ImapSyntaxException(name.isEmpty() ? "Missing command name" : "Unknown command " + name.strip());
            }
            ImapCommand command = parser.parse(tag, cursor);
            cursor.end();
            return command;
        } catch (ImapSyntaxException e) {
            throw new CommandParseException(tag, e);
        }
    }

    private static boolean isTag(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > 0x7f || !ImapFrameDecoder.isTagChar((byte) c)) {
                return false;
            }
        }
        return true;
    }
}
