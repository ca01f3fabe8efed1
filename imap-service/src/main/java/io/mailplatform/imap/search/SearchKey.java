package io.mailplatform.imap.search;

import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.store.search.SearchCriterion;
import java.util.List;

/**
 * A SEARCH criterion as the client wrote it (RFC 9051 §6.4.4, RFC 3501 §6.4.4 for RECENT, NEW,
 * OLD). Keys that need nothing from the session are store criteria already ({@link Match});
 * message numbers, {@code $} and \Recent refer to the session's view, and {@link SearchPlanner}
 * resolves them before the store runs the query.
 */
public sealed interface SearchKey {

    /** Whether the criteria use MODSEQ anywhere: a CONDSTORE enabling search (RFC 7162 §3.1.5). */
    static boolean usesModSeq(SearchKey key) {
        if (key instanceof Match match) {
            return match.criterion() instanceof SearchCriterion.ModSeq;
        }
        if (key instanceof Not not) {
            return usesModSeq(not.key());
        }
        if (key instanceof Or or) {
            return usesModSeq(or.left()) || usesModSeq(or.right());
        }
        return key instanceof And and && and.keys().stream().anyMatch(SearchKey::usesModSeq);
    }

    /** ALL, flags, keywords, dates, envelope fields, HEADER, BODY, TEXT, LARGER, SMALLER. */
    record Match(SearchCriterion criterion) implements SearchKey {
    }

    /** RECENT, NEW (recent and unseen) and OLD (not recent) of IMAP4rev1. */
    record Recent(boolean recent) implements SearchKey {
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
