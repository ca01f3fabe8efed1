package io.mailplatform.imap.parse;

import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.MessageCommands.SearchReturn;
import io.mailplatform.store.search.SortCriterion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * [UID] SEARCH: {@code SEARCH [SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"]
 * SP ["CHARSET" SP charset SP] search-key *(SP search-key)} (RFC 9051 §9, RFC 4731, RFC 5182), and
 * [UID] SORT: {@code SORT [SP "RETURN" SP "(" ... ")"] SP sort-criteria SP charset 1*(SP search-key)}
 * (RFC 5256 §5, RFC 5267 §3.2), its charset required, and [UID] THREAD: {@code THREAD SP thread-alg SP
 * search-charset 1*(SP search-key)} (RFC 5256 §5).
 */
final class SearchCommandParser {
    private SearchCommandParser() {
    }

    static void register(Map<String, CommandParser> table, SearchKeyParser keys) {
        for (boolean uid : new boolean[] {false, true}) {
            table.put(uid ? "UID SEARCH" : "SEARCH", (tag, c) -> search(tag, c, uid, keys));
            table.put(uid ? "UID SORT" : "SORT", (tag, c) -> sort(tag, c, uid, keys));
            table.put(uid ? "UID THREAD" : "THREAD", (tag, c) -> thread(tag, c, uid, keys));
        }
    }

    private static MessageCommands.Search search(String tag, ImapCursor c, boolean uid, SearchKeyParser keys) {
        List<SearchReturn> returns = returns(c);
        String charset = null;
        if (c.takeKeyword("CHARSET")) {
            c.sp();
            charset = c.peek() == '"' ? c.string() : c.atom();
            c.sp();
        }
        return new MessageCommands.Search(tag, uid, returns, charset, keys.program(c, charset));
    }

    private static MessageCommands.Sort sort(String tag, ImapCursor c, boolean uid, SearchKeyParser keys) {
        List<SearchReturn> returns = returns(c);
        List<SortCriterion> criteria = sortCriteria(c);
        c.sp();
        String charset = c.astring();
        c.sp();
        return new MessageCommands.Sort(tag, uid, returns, criteria, charset, keys.program(c, charset));
    }

    private static MessageCommands.Thread thread(String tag, ImapCursor c, boolean uid, SearchKeyParser keys) {
        c.sp();
        String name = c.keyword();
        ThreadAlgorithm algorithm;
        try {
            algorithm = ThreadAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw c.error("Unknown THREAD algorithm " + name);
        }
        c.sp();
        String charset = c.astring();
        c.sp();
        return new MessageCommands.Thread(tag, uid, algorithm, charset, keys.program(c, charset));
    }

    /** {@code "(" sort-criterion *(SP sort-criterion) ")"}, {@code sort-criterion = ["REVERSE" SP] sort-key}. */
    private static List<SortCriterion> sortCriteria(ImapCursor c) {
        c.expect('(');
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            boolean reverse = c.takeKeyword("REVERSE");
            if (reverse) {
                c.sp();
            }
            String name = c.keyword();
            try {
                criteria.add(new SortCriterion(SortCriterion.Key.valueOf(name), reverse));
            } catch (IllegalArgumentException e) {
                throw c.error("Unknown SORT criterion " + name);
            }
        } while (c.space());
        c.expect(')');
        return criteria;
    }

    /** {@code SP ["RETURN" SP "(" ... ")" SP]}: the options, or null when absent. */
    private static List<SearchReturn> returns(ImapCursor c) {
        c.sp();
        if (!c.takeKeyword("RETURN")) {
            return null;
        }
        c.sp();
        List<SearchReturn> returns = returnOptions(c);
        c.sp();
        return returns;
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
