package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.MessageCommands.SearchReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * [UID] SEARCH: {@code SEARCH [SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"]
 * SP ["CHARSET" SP charset SP] search-key *(SP search-key)} (RFC 9051 §9, RFC 4731, RFC 5182).
 */
final class SearchCommandParser {
    private SearchCommandParser() {
    }

    static void register(Map<String, CommandParser> table, SearchKeyParser keys) {
        for (boolean uid : new boolean[] {false, true}) {
            table.put(uid ? "UID SEARCH" : "SEARCH", (tag, c) -> search(tag, c, uid, keys));
        }
    }

    private static MessageCommands.Search search(String tag, ImapCursor c, boolean uid, SearchKeyParser keys) {
        c.sp();
        List<SearchReturn> returns = null;
        if (c.takeKeyword("RETURN")) {
            c.sp();
            returns = returnOptions(c);
            c.sp();
        }
        String charset = null;
        if (c.takeKeyword("CHARSET")) {
            c.sp();
            charset = c.peek() == '"' ? c.string() : c.atom();
            c.sp();
        }
        return new MessageCommands.Search(tag, uid, returns, charset, keys.program(c, charset));
    }

    private static List<SearchReturn> returnOptions(ImapCursor c) {
        c.expect('(');
        List<SearchReturn> options = new ArrayList<>();
        if (c.take(')')) {
            return options;
        }
        do {
            String name = c.keyword();
            SearchReturn option;
            try {
                option = SearchReturn.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw c.error("Unknown SEARCH return option " + name);
            }
            if (!options.contains(option)) {
                options.add(option);
            }
        } while (c.space());
        c.expect(')');
        return options;
    }
}
