package io.mailplatform.imap.parse;

import io.mailplatform.imap.search.SearchKey;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.search.SearchCriterion;
import io.mailplatform.store.search.SearchCriterion.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code search-key} (RFC 9051 §9 and RFC 3501 §9 for NEW, OLD, RECENT), by recursive descent with
 * bounds on the number of keys and on nesting, so no criteria tree can grow without limit. Keys
 * that need nothing from the session become store criteria here.
 */
public final class SearchKeyParser {
    private final ParserLimits limits;
    private final SequenceSetParser sequenceSets;

    public SearchKeyParser(ParserLimits limits, SequenceSetParser sequenceSets) {
        this.limits = limits;
        this.sequenceSets = sequenceSets;
    }

    /** search-key *(SP search-key): several keys are ANDed. */
    public SearchKey program(ImapCursor c, String charset) {
        State state = new State(c, charset);
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(state, 0));
        } while (c.space());
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    private final class State {
        final ImapCursor cursor;
        final String charset;
        int count;

        State(ImapCursor cursor, String charset) {
            this.cursor = cursor;
            this.charset = charset;
        }
    }

    private SearchKey key(State state, int depth) {
        ImapCursor c = state.cursor;
        if (++state.count > limits.maxSearchKeys()) {
            throw c.error("Too many search keys (at most " + limits.maxSearchKeys() + ")");
        }
        if (depth > limits.maxNesting()) {
            throw c.error("Search criteria nested too deeply (at most " + limits.maxNesting() + " levels)");
        }
        int first = c.peek();
        if (first == '(') {
            c.take('(');
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(key(state, depth + 1));
            } while (c.space());
            c.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (SequenceSetParser.startsSequenceSet(first)) {
            return new SearchKey.Sequence(sequenceSets.sequenceSet(c), false);
        }
        String name = c.keyword();
        switch (name) {
            case "ALL":
                return match(new SearchCriterion.All());
            case "ANSWERED":
            case "DELETED":
            case "DRAFT":
            case "FLAGGED":
            case "SEEN":
                return flag(name, true);
            case "UNANSWERED":
            case "UNDELETED":
            case "UNDRAFT":
            case "UNFLAGGED":
            case "UNSEEN":
                return flag(name.substring(2), false);
            case "KEYWORD":
                c.sp();
                return match(new SearchCriterion.Keyword(c.atom(), true));
            case "UNKEYWORD":
                c.sp();
                return match(new SearchCriterion.Keyword(c.atom(), false));
            case "RECENT":
                return new SearchKey.Recent(true);
            case "OLD":
                return new SearchKey.Recent(false);
            case "NEW":
                return new SearchKey.And(List.of(new SearchKey.Recent(true), flag("SEEN", false)));
            case "BEFORE":
                return date(c, Comparison.BEFORE, DateKind.INTERNAL);
            case "ON":
                return date(c, Comparison.ON, DateKind.INTERNAL);
            case "SINCE":
                return date(c, Comparison.SINCE, DateKind.INTERNAL);
            case "SENTBEFORE":
                return date(c, Comparison.BEFORE, DateKind.SENT);
            case "SENTON":
                return date(c, Comparison.ON, DateKind.SENT);
            case "SENTSINCE":
                return date(c, Comparison.SINCE, DateKind.SENT);
            case "SAVEDBEFORE":
                return date(c, Comparison.BEFORE, DateKind.SAVED);
            case "SAVEDON":
                return date(c, Comparison.ON, DateKind.SAVED);
            case "SAVEDSINCE":
                return date(c, Comparison.SINCE, DateKind.SAVED);
            case "SAVEDATESUPPORTED":
                // RFC 8514 §4.3: every message when the mailbox keeps save dates, and every mailbox does
                return match(new SearchCriterion.All());
            case "EMAILID":
                c.sp();
                return match(new SearchCriterion.EmailId(objectId(c)));
            case "THREADID":
                c.sp();
                return match(new SearchCriterion.ThreadId(objectId(c)));
            case "FROM":
                return field(state, Field.FROM);
            case "TO":
                return field(state, Field.TO);
            case "CC":
                return field(state, Field.CC);
            case "BCC":
                return field(state, Field.BCC);
            case "SUBJECT":
                return field(state, Field.SUBJECT);
            case "HEADER": {
                c.sp();
                String fieldName = c.astring();
                c.sp();
                return match(new SearchCriterion.HeaderContains(fieldName, text(state)));
            }
            case "BODY":
                c.sp();
                return match(new SearchCriterion.FullText(text(state), true));
            case "TEXT":
                c.sp();
                return match(new SearchCriterion.FullText(text(state), false));
            case "LARGER":
                c.sp();
                return match(new SearchCriterion.Size(c.number64(), true));
            case "SMALLER":
                c.sp();
                return match(new SearchCriterion.Size(c.number64(), false));
            case "UID":
                c.sp();
                return new SearchKey.Sequence(sequenceSets.sequenceSet(c), true);
            case "MODSEQ":
                return modSeq(c);
            case "NOT":
                c.sp();
                return new SearchKey.Not(key(state, depth + 1));
            case "OR": {
                c.sp();
                SearchKey left = key(state, depth + 1);
                c.sp();
                return new SearchKey.Or(left, key(state, depth + 1));
            }
            default:
                throw c.error("Unknown search key " + name);
        }
    }

    /**
     * {@code "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer} (RFC 7162 §3.1.5).
     * MODSEQs are kept per message, not per flag, so the entry (a flag's name) is checked and
     * then stands for the message: a server without per-flag MODSEQs may do so.
     */
    private static SearchKey modSeq(ImapCursor c) {
        c.sp();
        if (c.peek() == '"') {
            String entry = c.string();
            if (!entry.startsWith("/flags/")) {
                throw c.error("Invalid MODSEQ entry name " + entry);
            }
            c.sp();
            String type = c.keyword();
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                throw c.error("Invalid MODSEQ entry type " + type);
            }
            c.sp();
        }
        return match(new SearchCriterion.ModSeq(c.number64()));
    }

    private enum Comparison {
        BEFORE, ON, SINCE
    }

    /** Which date a date key compares: INTERNALDATE, the Date header, or the save date (RFC 8514). */
    private enum DateKind {
        INTERNAL, SENT, SAVED
    }

    /**
     * BEFORE, ON, SINCE (internal date) or SENTBEFORE, SENTON, SENTSINCE (the Date header), both
     * "disregarding time and timezone" (RFC 9051 §6.4.4): the Date header's date as written, in
     * the sender's zone; the internal date's date in UTC, the zone FETCH INTERNALDATE shows it in
     * (the store keeps the instant only), so a client finds a message ON the day it was shown. The
     * save date (SAVEDBEFORE, SAVEDON, SAVEDSINCE) likewise, in UTC as FETCH SAVEDATE shows it.
     */
    private static SearchKey date(ImapCursor c, Comparison comparison, DateKind kind) {
        c.sp();
        LocalDate date = DateParser.date(c);
        LocalDate from = comparison == Comparison.BEFORE ? null : date;
        LocalDate to = comparison == Comparison.BEFORE ? date : comparison == Comparison.ON ? date.plusDays(1) : null;
        if (kind == DateKind.SENT) {
            return match(new SearchCriterion.SentDate(from, to));
        }
        Instant start = from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = to == null ? null : to.atStartOfDay().toInstant(ZoneOffset.UTC);
        return match(kind == DateKind.SAVED ? new SearchCriterion.SaveDate(start, end)
                : new SearchCriterion.InternalDate(start, end));
    }

    /** {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")} (RFC 8474 §3). */
    private static String objectId(ImapCursor c) {
        String id = c.takeWhile(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-'));
        if (id.isEmpty() || id.length() > 255) {
            throw c.error("Invalid object id");
        }
        return id;
    }

    private static SearchKey flag(String name, boolean set) {
        return match(new SearchCriterion.SystemFlag(MessageFlags.bitOf("\\" + name), set));
    }

    private static SearchKey match(SearchCriterion criterion) {
        return new SearchKey.Match(criterion);
    }

    private SearchKey field(State state, Field field) {
        state.cursor.sp();
        return match(new SearchCriterion.FieldContains(field, text(state)));
    }

    /**
     * An astring in the SEARCH's charset. UTF-8 and US-ASCII are decoded strictly; for any other
     * charset the octets are kept as ISO-8859-1 text, and the processor refuses the charset with
     * NO [BADCHARSET] (RFC 9051 §6.4.4 says NO, not BAD).
     */
    private static String text(State state) {
        byte[] bytes = state.cursor.astringBytes();
        if (state.charset == null || state.charset.equalsIgnoreCase("UTF-8") || state.charset.equalsIgnoreCase("US-ASCII")) {
            return state.cursor.utf8(bytes);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
