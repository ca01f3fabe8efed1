package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.ImapCommand;

/** Parses the arguments of one command (the cursor stands after the command name). */
@FunctionalInterface
public interface CommandParser {
    ImapCommand parse(String tag, ImapCursor cursor);
}
