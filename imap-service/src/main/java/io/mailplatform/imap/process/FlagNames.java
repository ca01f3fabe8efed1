package io.mailplatform.imap.process;

import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.store.mailbox.MessageFlags;
import java.util.List;

/**
 * Flags a client may store or append with (RFC 9051 §2.3.2): the five system flags and keywords.
 * \Recent is the server's to set, other backslash names do not exist: both are BAD.
 */
final class FlagNames {
    /** Keywords longer than this are refused: they are atoms on one line, but stored for ever. */
    static final int MAX_KEYWORD_LENGTH = 128;
    static final int MAX_FLAGS = 64;

    private FlagNames() {
    }

    static MessageFlags parse(List<String> names) {
        if (names.size() > MAX_FLAGS) {
            throw new ImapSyntaxException("Too many flags (at most " + MAX_FLAGS + ")");
        }
        for (String name : names) {
            if (name.startsWith("\\")) {
                if (MessageFlags.bitOf(name) == 0) {
                    throw new ImapSyntaxException("Invalid system flag " + name);
                }
            } else if (name.length() > MAX_KEYWORD_LENGTH) {
                throw new ImapSyntaxException("Keyword too long (at most " + MAX_KEYWORD_LENGTH + " characters)");
            }
        }
        return MessageFlags.of(names);
    }
}
