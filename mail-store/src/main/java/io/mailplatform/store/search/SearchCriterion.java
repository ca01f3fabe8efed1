package io.mailplatform.store.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A message search over one mailbox, as the store runs it: a tree of criteria that
 * {@link MessageSearch} turns into one SQL query. Protocol notions (message sequence numbers, a
 * session's \Recent messages, saved results) are resolved to UID ranges before they get here.
 */
public sealed interface SearchCriterion {

    record All() implements SearchCriterion {
    }

    /** UIDs in any of the ranges; {@code ranges} holds pairs {@code first, last} (inclusive). */
    record Uids(long[] ranges) implements SearchCriterion {
    }

    /** A system flag (a bit of MessageFlags) set, or not set. */
    record SystemFlag(int bit, boolean set) implements SearchCriterion {
    }

    /** A keyword set or not (compared case-insensitively). */
    record Keyword(String keyword, boolean set) implements SearchCriterion {
    }

    /** INTERNALDATE in {@code [from, to)}; null bounds are open. */
    record InternalDate(Instant from, Instant to) implements SearchCriterion {
    }

    /**
     * The save date (RFC 8514) in {@code [from, to)}; null bounds are open. A message saved before the
     * store kept save dates is compared by its internal date.
     */
    record SaveDate(Instant from, Instant to) implements SearchCriterion {
    }

    /**
     * The date of the Date header as written, disregarding its time and zone (RFC 9051 §6.4.4), in
     * {@code [from, to)}; null bounds are open. Messages without a usable Date header never match.
     */
    record SentDate(LocalDate from, LocalDate to) implements SearchCriterion {
    }

    enum Field {
        FROM, TO, CC, BCC, SUBJECT
    }

    /** A case-insensitive substring of a decoded envelope field. */
    record FieldContains(Field field, String value) implements SearchCriterion {
    }

    /** A header field of that name whose value contains the string (empty: the field is present). */
    record HeaderContains(String name, String value) implements SearchCriterion {
    }

    /**
     * Full-text search (PostgreSQL text search), each word matching as a prefix of a word of the
     * message. TEXT ({@code bodyOnly} false) looks in the text parts and every header field; BODY
     * ({@code bodyOnly}) in the text parts only: a word found in the subject or addresses must also
     * occur in the body.
     */
    record FullText(String text, boolean bodyOnly) implements SearchCriterion {
    }

    /** RFC822.SIZE larger or smaller than {@code octets}. */
    record Size(long octets, boolean larger) implements SearchCriterion {
    }

    /** EMAILID (RFC 8474 §6): the messages with that id; text that is not one of this server's ids finds nothing. */
    record EmailId(String emailId) implements SearchCriterion {
    }

    /** THREADID (RFC 8474 §6): the messages of that thread; text that is not one of this server's ids finds nothing. */
    record ThreadId(String threadId) implements SearchCriterion {
    }

    /** MODSEQ at least {@code modSeq} (RFC 7162 §3.1.5 SEARCH MODSEQ). */
    record ModSeq(long modSeq) implements SearchCriterion {
    }

    record Not(SearchCriterion criterion) implements SearchCriterion {
    }

    record Or(SearchCriterion left, SearchCriterion right) implements SearchCriterion {
    }

    record And(List<SearchCriterion> criteria) implements SearchCriterion {
        public And {
            criteria = List.copyOf(criteria);
        }
    }
}
