package io.mailplatform.store.search;

import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.jdbc.LongRows;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.ObjectIds;
import io.mailplatform.store.mailbox.SearchIndexQueue;
import io.mailplatform.core.thread.ThreadKeys;
import io.mailplatform.core.thread.ThreadMessage;
import io.mailplatform.store.mailbox.SortKeyBackfill;
import io.mailplatform.store.mailbox.ThreadKeyBackfill;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a {@link SearchCriterion} tree as one SQL query over a mailbox's messages: flags, dates,
 * sizes and UIDs on {@code messages}; envelope fields and the date of the Date header on the
 * decoded header columns of {@code message_contents}; body and text through its
 * {@code search_vector} and, for TEXT, {@code header_vector} (GIN); arbitrary header fields by a
 * regular expression over the stored header octets. A missing value (a
 * message without a Date header, without a search vector) never matches: in a positive position
 * SQL's NULL already excludes the row; under NOT the leaf is made two-valued with
 * {@code coalesce}, so NOT of a leaf is its exact complement. Leaves in positive positions stay
 * bare, so PostgreSQL can use their indexes (the GIN index of {@code @@}).
 *
 * <p>A search runs on behalf of a client, who chooses its criteria: header regular expressions and
 * substring tests over thousands of messages can take long. Each runs in a read-only transaction
 * of its own with {@code statement_timeout} set for that transaction only
 * ({@code mail.store.limits.search-timeout}); a search that takes longer is cancelled by PostgreSQL
 * and ends in a {@code StoreTimeoutException}.
 *
 * <p>SORT (RFC 5256) is the same query ordered by the sort keys kept with each content (migration
 * V30), so a mailbox is sorted without parsing or loading a message. THREAD (RFC 5256) reads the same
 * keys with the thread keys (V34) of the matching messages, for the threading code of mail-core.
 */
@Repository
public class MessageSearch {
    /** Above this many ranges a UID set is joined as arrays instead of a chain of BETWEENs. */
    private static final int INLINE_RANGES = 16;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private final JdbcClient jdbc;
    private final TransactionTemplate searches;
    private final String timeout;
    private final SortKeyBackfill sortKeys;
    private final ThreadKeyBackfill threadKeys;
    private final SearchIndexQueue searchIndex;

    public MessageSearch(JdbcClient jdbc, PlatformTransactionManager transactionManager, StoreProperties properties,
            SortKeyBackfill sortKeys, ThreadKeyBackfill threadKeys, SearchIndexQueue searchIndex) {
        this.jdbc = jdbc;
        this.searchIndex = searchIndex;
        this.sortKeys = sortKeys;
        this.threadKeys = threadKeys;
        this.searches = new TransactionTemplate(transactionManager);
        // its own transaction even inside a caller's: the timeout must not reach the caller's statements
        searches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        searches.setReadOnly(true);
        this.timeout = properties.limits().searchTimeout().toMillis() + "ms";
    }

    /** The UIDs of the mailbox's messages that match, ascending; BODY and TEXT match word prefixes. */
    public long[] search(Mailbox mailbox, SearchCriterion criterion) {
        return search(mailbox, criterion, false);
    }

    /**
     * The UIDs of the mailbox's messages that match, ascending.
     *
     * @param substrings whether BODY and TEXT match any part of a word (RFC 9051 §6.4.4: "contains
     *        the specified string"), not only its beginning; that reads the words of every message
     *        of the mailbox that the index does not match, so callers keep it to smaller mailboxes
     */
    public long[] search(Mailbox mailbox, SearchCriterion criterion, boolean substrings) {
        Query query = new Query(substrings);
        String condition = query.condition(criterion, false);
        String sql = "SELECT m.uid FROM messages m" + (query.needsContent ? contents(substrings) : "")
                + " WHERE m.mailbox_id = ? AND " + condition + " ORDER BY m.uid";
        LongRows uids = new LongRows();
        run(mailbox, sql, query, uids::processRow);
        return uids.toArray();
    }

    /**
     * The UIDs of the mailbox's messages that match, in the order of the sort criteria (RFC 5256
     * §3), messages equal by every criterion in UID (hence sequence number) order. The keys come
     * from the summary columns; contents stored before those existed get theirs first, once.
     *
     * @param substrings as for {@link #search(Mailbox, SearchCriterion, boolean)}
     */
    public long[] sort(Mailbox mailbox, SearchCriterion criterion, boolean substrings, List<SortCriterion> order) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no sort criterion");
        }
        Query query = new Query(substrings);
        String condition = query.condition(criterion, false);
        List<String> keys = new ArrayList<>();
        for (SortCriterion sort : order) {
            keys.add(sort.key().expression() + (sort.reverse() ? " DESC" : ""));
        }
        // ARRIVAL and SIZE are on messages: without content criteria, no join (and no keys to fill)
        boolean needsContent = query.needsContent || order.stream().anyMatch(sort -> sort.key().needsContent());
        String sql = "SELECT m.uid, " + missing(order.stream().map(SortCriterion::key).toList()) + " FROM messages m"
                + (needsContent ? contents(substrings) : "") + " WHERE m.mailbox_id = ? AND " + condition
                + " ORDER BY " + String.join(", ", keys) + ", m.uid";
        for (int attempt = 0; ; attempt++) {
            LongRows uids = new LongRows();
            boolean[] missing = {false};
            run(mailbox, sql, query, rs -> {
                uids.add(rs.getLong(1));
                missing[0] |= rs.getBoolean(2);
            });
            if (!missing[0] || attempt > 0 || sortKeys.fill(mailbox) == 0) {
                return uids.toArray();
            }
        }
    }

    /**
     * One page of the messages that match, ordered by one sort key (ties by UID, in the same
     * direction), starting after a position: a keyset page, so a list is paged without sorting the
     * whole mailbox for each page. Unlike {@link #sort}, ties go in the key's direction, which lets
     * PostgreSQL walk the indexes of DATE and ARRIVAL (migration V40) backwards as well as forwards
     * and stop after {@code limit} rows. SUBJECT and DISPLAYFROM have indexes too (V49); the other
     * text keys are columns of the content, whose pages read every matching message, of which only one
     * page leaves the database. Messages whose text keys are not computed yet (contents stored before
     * V30) get them first: for the keys on {@code messages} a partial index (V49) finds them at once;
     * for the others they sort first (NULLS FIRST), so the first page finds them.
     *
     * @param after the position of the last message of the previous page, or null for the first page
     * @return up to {@code limit} messages, each with its position
     */
    public List<SortPosition> sortPage(Mailbox mailbox, SearchCriterion criterion, SortCriterion order, SortPosition after,
            int limit) {
        if (after != null && !SortPosition.type(order.key()).isInstance(after.key())) {
            throw new IllegalArgumentException("a position of another sort key: " + after);
        }
        Query query = new Query(false);
        String condition = query.condition(criterion, false);
        String key = order.key().expression();
        String direction = order.reverse() ? " DESC" : "";
        boolean needsContent = query.needsContent || order.key().needsContent();
        List<Object> extra = new ArrayList<>();
        if (after != null) {
            condition = "(" + condition + ") AND (" + key + ", m.uid) " + (order.reverse() ? "<" : ">") + " (?, ?)";
            extra.add(after.key() instanceof Instant instant ? Timestamp.from(instant) : after.key());
            extra.add(after.uid());
        }
        extra.add(limit);
        boolean contentKey = order.key().needsContent();
        if (order.key().missing() != null && !contentKey && jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM messages m WHERE m.mailbox_id = ? AND m.sort_subject IS NULL)""")
                .param(mailbox.id()).query(Boolean.class).single()) {
            sortKeys.fill(mailbox);
        }
        String sql = "SELECT m.uid, " + key + ", " + (contentKey ? missing(List.of(order.key())) : "FALSE") + " FROM messages m"
                + (needsContent ? contents(false) : "") + " WHERE m.mailbox_id = ? AND " + condition
                + " ORDER BY " + key + direction + (contentKey ? " NULLS FIRST" : "")
                + ", m.uid" + direction + " LIMIT ?";
        Class<?> type = SortPosition.type(order.key());
        for (int attempt = 0; ; attempt++) {
            List<SortPosition> page = new ArrayList<>();
            boolean[] missing = {false};
            run(mailbox, sql, query, extra, rs -> {
                if (rs.getBoolean(3)) {
                    missing[0] = true;
                    return;
                }
                Object value = type == Instant.class ? rs.getTimestamp(2).toInstant()
                        : type == Long.class ? (Object) rs.getLong(2) : rs.getString(2);
                page.add(new SortPosition(value, rs.getLong(1)));
            });
            if (!missing[0] || attempt > 0 || sortKeys.fill(mailbox) == 0) {
                return page;
            }
        }
    }

    /** How many of the mailbox's messages match. */
    public long count(Mailbox mailbox, SearchCriterion criterion) {
        Query query = new Query(false);
        String condition = query.condition(criterion, false);
        String sql = "SELECT count(*) FROM messages m" + (query.needsContent ? contents(false) : "")
                + " WHERE m.mailbox_id = ? AND " + condition;
        long[] count = {0};
        run(mailbox, sql, query, List.of(), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    /**
     * The messages that match, in UID order, as the threading algorithms of RFC 5256 see them: the
     * base subject and sent date of SORT, Message-ID and references. Contents stored before those keys
     * existed get theirs first, once.
     *
     * @param substrings as for {@link #search(Mailbox, SearchCriterion, boolean)}
     */
    public List<ThreadMessage> threadMessages(Mailbox mailbox, SearchCriterion criterion, boolean substrings) {
        Query query = new Query(substrings);
        String condition = query.condition(criterion, false);
        String sql = """
                SELECT m.uid, coalesce(c.sent_date, m.internal_date), c.sort_subject, c.thread_message_id,
                       c.thread_references, coalesce(c.thread_reply, FALSE)
                FROM messages m""" + contents(substrings) + " WHERE m.mailbox_id = ? AND " + condition + " ORDER BY m.uid";
        for (int attempt = 0; ; attempt++) {
            List<ThreadMessage> messages = new ArrayList<>();
            boolean[] missing = {false};
            run(mailbox, sql, query, rs -> {
                String subject = rs.getString(3);
                String references = rs.getString(5);
                missing[0] |= subject == null || references == null;
                messages.add(new ThreadMessage(rs.getLong(1), rs.getTimestamp(2).toInstant(), subject == null ? "" : subject,
                        new ThreadKeys(rs.getString(4), references == null || references.isEmpty() ? List.of()
                                : List.of(references.split(" ")), rs.getBoolean(6))));
            });
            if (!missing[0] || attempt > 0 || sortKeys.fill(mailbox) + threadKeys.fill(mailbox) == 0) {
                return messages;
            }
        }
    }

    /** A select-list expression true for a message some of whose sort keys are not computed yet. */
    private static String missing(List<SortCriterion.Key> keys) {
        List<String> missing = keys.stream().map(SortCriterion.Key::missing).filter(m -> m != null).distinct().toList();
        return missing.isEmpty() ? "FALSE" : "(" + String.join(" OR ", missing) + ")";
    }

    /**
     * The join of each message's content. A substring test reads every message's words: it keeps to
     * this mailbox's rows, each content fetched by its key, rather than let the planner scan every content.
     */
    private static String contents(boolean substrings) {
        return substrings ? " JOIN LATERAL (SELECT * FROM message_contents c WHERE c.id = m.content_id OFFSET 0) c ON TRUE"
                : " JOIN message_contents c ON c.id = m.content_id";
    }

    private void run(Mailbox mailbox, String sql, Query query, org.springframework.jdbc.core.RowCallbackHandler rows) {
        run(mailbox, sql, query, List.of(), rows);
    }

    /** @param extra parameters after the criteria's */
    private void run(Mailbox mailbox, String sql, Query query, List<Object> extra,
            org.springframework.jdbc.core.RowCallbackHandler rows) {
        List<Object> params = new ArrayList<>();
        params.add(mailbox.id());
        params.addAll(query.params);
        params.addAll(extra);
        if (query.fullText) {
            // messages stored without their vectors yet (V55) would never match
            searchIndex.indexMailbox(mailbox.id());
        }
        searches.executeWithoutResult(status -> {
            // is_local: the setting ends with this transaction, never reaching the pooled connection's next user
            jdbc.sql("SELECT set_config('statement_timeout', ?, true)").param(timeout).query().singleValue();
            jdbc.sql(sql).params(params).query(rows);
        });
    }

    private static final class Query {
        final List<Object> params = new ArrayList<>();
        final boolean substrings;
        boolean needsContent;
        /** Whether a criterion reads the full-text vectors. */
        boolean fullText;

        Query(boolean substrings) {
            this.substrings = substrings;
        }

        String condition(SearchCriterion c, boolean negated) {
            if (c instanceof SearchCriterion.All) {
                return "TRUE";
            }
            if (c instanceof SearchCriterion.Not not) {
                return "NOT (" + condition(not.criterion(), !negated) + ")";
            }
            if (c instanceof SearchCriterion.Or or) {
                return "((" + condition(or.left(), negated) + ") OR (" + condition(or.right(), negated) + "))";
            }
            if (c instanceof SearchCriterion.And and) {
                if (and.criteria().isEmpty()) {
                    return "TRUE";
                }
                List<String> parts = new ArrayList<>();
                for (SearchCriterion part : and.criteria()) {
                    parts.add("(" + condition(part, negated) + ")");
                }
                return String.join(" AND ", parts);
            }
            return negated ? "coalesce((" + leaf(c) + "), false)" : "(" + leaf(c) + ")";
        }

        /** An RFC 8474 object id compared as its digest; an id this server never gave out matches nothing. */
        private String objectId(byte[] digest, String digestSql) {
            if (digest == null) {
                return "FALSE";
            }
            params.add(digest);
            return digestSql + " = ?::bytea";
        }

        private String leaf(SearchCriterion c) {
            if (c instanceof SearchCriterion.Uids uids) {
                return uids(uids.ranges());
            }
            if (c instanceof SearchCriterion.SystemFlag flag) {
                params.add(flag.bit());
                return "(m.flags & ?::smallint) " + (flag.set() ? "<> 0" : "= 0");
            }
            if (c instanceof SearchCriterion.Keyword keyword) {
                params.add(keyword.keyword());
                return (keyword.set() ? "" : "NOT ") + "EXISTS (SELECT 1 FROM unnest(m.keywords) k WHERE lower(k) = lower(?))";
            }
            if (c instanceof SearchCriterion.InternalDate date) {
                return range("m.internal_date", date.from(), date.to());
            }
            if (c instanceof SearchCriterion.EmailId emailId) {
                return objectId(ObjectIds.emailIdDigest(emailId.emailId()), ObjectIds.EMAIL_DIGEST_SQL);
            }
            if (c instanceof SearchCriterion.ThreadId threadId) {
                return objectId(ObjectIds.threadIdDigest(threadId.threadId()), ObjectIds.THREAD_DIGEST_SQL);
            }
            if (c instanceof SearchCriterion.SaveDate date) {
                return range("coalesce(m.save_date, m.internal_date)", date.from(), date.to());
            }
            if (c instanceof SearchCriterion.SentDate date) {
                needsContent = true;
                return range("c.sent_day", date.from(), date.to());
            }
            if (c instanceof SearchCriterion.Size size) {
                params.add(size.octets());
                return "m.size " + (size.larger() ? ">" : "<") + " ?";
            }
            if (c instanceof SearchCriterion.ModSeq modSeq) {
                params.add(modSeq.modSeq());
                return "m.modseq >= ?";
            }
            if (c instanceof SearchCriterion.FieldContains field) {
                needsContent = true;
                params.add("%" + likeEscape(field.value()) + "%");
                return "coalesce(c." + column(field.field()) + ", '') ILIKE ? ESCAPE '\\'";
            }
            if (c instanceof SearchCriterion.HeaderContains header) {
                needsContent = true;
                params.add(headerPattern(header.name(), header.value()));
                // the header as FETCH BODY[HEADER] shows it, the entry's trace prefix included
                return "convert_from(" + MessageContents.PREFIX + " || substring(c.raw FROM 1 FOR c.body_offset), 'LATIN1') ~* ?";
            }
            if (c instanceof SearchCriterion.FullText text) {
                return fullText(text);
            }
            throw new IllegalArgumentException("unknown criterion " + c);
        }

        private String uids(long[] ranges) {
            if (ranges.length == 0) {
                return "FALSE";
            }
            if (ranges.length / 2 <= INLINE_RANGES) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < ranges.length; i += 2) {
                    params.add(ranges[i]);
                    params.add(ranges[i + 1]);
                    parts.add("m.uid BETWEEN ? AND ?");
                }
                return String.join(" OR ", parts);
            }
            long[] firsts = new long[ranges.length / 2];
            long[] lasts = new long[ranges.length / 2];
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = ranges[2 * i];
                lasts[i] = ranges[2 * i + 1];
            }
            params.add(firsts);
            params.add(lasts);
            return "EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::bigint[]) r(first, last) WHERE m.uid BETWEEN r.first AND r.last)";
        }

        private String range(String column, java.time.Instant from, java.time.Instant to) {
            return range(column, from == null ? null : Timestamp.from(from), to == null ? null : Timestamp.from(to));
        }

        /** {@code column} in {@code [from, to)}; bounds (timestamps or dates) may be null. */
        private String range(String column, Object from, Object to) {
            List<String> parts = new ArrayList<>();
            if (from != null) {
                params.add(from);
                parts.add(column + " >= ?");
            }
            if (to != null) {
                params.add(to);
                parts.add(column + " < ?");
            }
            return parts.isEmpty() ? column + " IS NOT NULL" : String.join(" AND ", parts);
        }

        /**
         * Every word of the text as a prefix query over the search vector; the tsquery is built once
         * per statement (an uncorrelated subquery). With {@link #substrings}, a message the index
         * does not match still matches when each word of the text is part of one of its words. A
         * text without any word (punctuation, empty) is a substring of everything: it matches all
         * messages.
         */
        private String fullText(SearchCriterion.FullText text) {
            if (!WORD.matcher(text.text()).find()) {
                return "TRUE";
            }
            needsContent = true;
            fullText = true;
            if (!text.bodyOnly()) {
                return anywhere(text.text());
            }
            String inMessage = matches("c.search_vector", "coalesce(array_to_string(tsvector_to_array(c.search_vector), ' '), '')",
                    text.text());
            // BODY must not match on header fields alone: when the headers also contain the words,
            // the stored body octets must contain the text
            String headers = "concat_ws(' ', c.subject, c.from_text, c.to_text, c.cc_text, c.bcc_text)";
            String inHeaders = matches("to_tsvector('simple', " + headers + ")", "lower(" + headers + ")", text.text());
            params.add(text.text());
            return inMessage + " AND (NOT (" + inHeaders + ") OR position(lower(?) IN lower(convert_from("
                    + "substring(c.raw FROM c.body_offset + 1), 'LATIN1'))) > 0)";
        }

        /**
         * TEXT: every word somewhere in the message, the body text and subject and addresses
         * ({@code search_vector}) or any header field ({@code header_vector}), the words possibly
         * split between them. Matching word prefixes only, one of the words must be in either vector,
         * which the GIN indexes answer, before the two vectors are joined for the exact test.
         */
        private String anywhere(String text) {
            String both = "(coalesce(c.search_vector, ''::tsvector) || coalesce(c.header_vector, ''::tsvector))";
            String words = "coalesce(array_to_string(tsvector_to_array(" + both + "), ' '), '')";
            if (substrings) {
                return matches(both, words, text);
            }
            String anyWord = "(SELECT to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' | '))"
                    + " FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) w)";
            params.add(text);
            params.add(text);
            String candidates = "(c.search_vector @@ " + anyWord + " OR c.header_vector @@ " + anyWord + ")";
            return candidates + " AND " + matches(both, words, text);
        }

        /** The words of the text as prefixes in {@code vector}, or (substrings) as parts of {@code words}. */
        private String matches(String vector, String words, String text) {
            params.add(text);
            String prefixes = vector + " @@ (SELECT to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' & '))"
                    + " FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) w)";
            if (!substrings) {
                return prefixes;
            }
            params.add(text);
            return "(" + prefixes + " OR NOT EXISTS (SELECT 1 FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) w"
                    + " WHERE strpos(" + words + ", w) = 0))";
        }

        private static String column(SearchCriterion.Field field) {
            switch (field) {
                case FROM:
                    return "from_text";
                case TO:
                    return "to_text";
                case CC:
                    return "cc_text";
                case BCC:
                    return "bcc_text";
                default:
                    return "subject";
            }
        }
    }

    static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * A case-insensitive regular expression for a header field of that name whose value (folded
     * lines included) contains the text. The header is read as ISO-8859-1, so the text is matched
     * octet by octet in its UTF-8 form.
     */
    static String headerPattern(String name, String value) {
        String octets = new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String field = "(^|\\n)" + regexQuote(name) + "[ \\t]*:";
        if (value.isEmpty()) {
            return field;
        }
        return field + "([^\\n]|\\n[ \\t])*?" + regexQuote(octets);
    }

    /** Escapes every character PostgreSQL's regular expressions treat specially. */
    private static String regexQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
