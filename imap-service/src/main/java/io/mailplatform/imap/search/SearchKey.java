package io.mailplatform.imap.search;

import io.mailplatform.imap.command.SequenceSet;
import java.time.LocalDate;
import java.util.List;

/**
 * A SEARCH criterion as the client wrote it (RFC 9051 §6.4.4, RFC 3501 §6.4.4 for RECENT, NEW,
 * OLD). Message numbers, {@code $} and \Recent refer to the session's view; {@link SearchPlanner}
 * resolves them before the store runs the query.
 */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    /** ANSWERED, DELETED, DRAFT, FLAGGED, SEEN and their UN- forms. */
    record SystemFlag(String flag, boolean set) implements SearchKey {
    }

    /** KEYWORD and UNKEYWORD. */
    record Keyword(String keyword, boolean set) implements SearchKey {
    }

    /** RECENT, NEW (recent and unseen) and OLD (not recent) of IMAP4rev1. */
    record Recent(boolean recent) implements SearchKey {
    }

    enum DateComparison {
        BEFORE, ON, SINCE
    }

    /** BEFORE, ON, SINCE (internal date) or SENTBEFORE, SENTON, SENTSINCE (the Date header). */
    record Date(DateComparison comparison, LocalDate date, boolean sent) implements SearchKey {
    }

    enum Field {
        FROM, TO, CC, BCC, SUBJECT
    }

    /** FROM, TO, CC, BCC, SUBJECT: a substring of the envelope field. */
    record FieldContains(Field field, String value) implements SearchKey {
    }

    /** HEADER field-name string. */
    record Header(String name, String value) implements SearchKey {
    }

    /** BODY (bodyOnly) and TEXT: full-text search. */
    record Text(String value, boolean bodyOnly) implements SearchKey {
    }

    /** LARGER (larger) and SMALLER. */
    record Size(long octets, boolean larger) implements SearchKey {
    }

    /** A sequence set, or UID sequence-set when {@code uid}. */
    record Sequence(SequenceSet set, boolean uid) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** Several keys in a row, or a parenthesized list: all must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
