package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.core.mime.SummaryFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bulk reads of the message summaries stored at delivery/APPEND (IMAP FETCH ENVELOPE,
 * BODYSTRUCTURE and BODY[section] offsets, the webmail). One query per call, whatever the number
 * of UIDs. Like {@link MailboxService}, every read is scoped by a {@link Mailbox} obtained through
 * the account-scoped look-ups, so one account never reads another's summaries.
 *
 * <p>Summaries come back without their search text (the store keeps it only as a tsvector). A
 * content stored before its summary existed, or whose summary a newer platform version wrote, is
 * parsed again from the stored bytes; a missing summary is then written back, a newer one is left
 * alone.
 */
@Service
public class MessageSummaries {
    private static final Logger log = LoggerFactory.getLogger(MessageSummaries.class);

    private final JdbcClient jdbc;
    private final ContentCache cache;

    /** Reads everything from the database each time. */
    public MessageSummaries(JdbcClient jdbc) {
        this(jdbc, ContentCache.disabled());
    }

    @Autowired
    public MessageSummaries(JdbcClient jdbc, ContentCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The summaries of the given messages of a mailbox, keyed by UID in ascending UID order; unknown UIDs are absent. */
    public Map<Long, MessageSummary> summaries(Mailbox mailbox, Collection<Long> uids) {
        return byUid(withSummaries(mailbox, MailboxService.toArray(uids)));
    }

    /**
     * A message's metadata and its summary (or envelope), read by one query: what IMAP FETCH needs
     * of a batch before it locates sections, in one round trip instead of two.
     *
     * @param summary null when not asked for
     * @param head the message's first octets when a {@link Head} was asked for and the message's
     *        share fits in it (all of them, or its header, counted from the start of the delivered
     *        message), else null; may be shared with other reads, so read only
     */
    public record Summarized<T>(MessageMeta meta, T summary, byte[] head) {
    }

    /**
     * The octets a read brings along with the metadata, so that FETCH of a few small messages
     * costs one round trip rather than two (metadata, then sections).
     *
     * @param headerOnly only the header (with its trace prefix and the empty line), else the whole message
     * @param maxOctets messages (or headers) longer than this bring nothing
     */
    public record Head(boolean headerOnly, int maxOctets) {
    }

    /**
     * A message's metadata as a read of the store found it, with its trace prefix and the database it was read
     * from: what a caller may keep ({@link Memory}) so that a later read of the same message is answered from it
     * and the content cache, without a query.
     */
    public static final class Remembered {
        private final MessageMeta meta;
        private final byte[] prefix;
        private final ContentCache.Epoch epoch;

        Remembered(MessageMeta meta, byte[] prefix, ContentCache.Epoch epoch) {
            this.meta = meta;
            this.prefix = prefix;
            this.epoch = epoch;
        }

        public MessageMeta meta() {
            return meta;
        }

        /**
         * The same message after a change reported as {@code changed}: its flags and MODSEQ, all that changes of
         * a stored message (the rest is taken from here, whatever the report carries).
         */
        public Remembered changed(MessageMeta changed) {
            return new Remembered(new MessageMeta(meta.uid(), meta.contentId(), changed.modSeq(), changed.flags(),
                    meta.internalDate(), meta.size(), meta.prefixLength(), meta.saveDate(), meta.threadId()),
                    prefix, epoch);
        }
    }

    /**
     * What a caller keeps of the messages it read (an IMAP session, of its selected mailbox). It alone knows
     * whether what it keeps is still true (no change since, that it has not been told of).
     */
    public interface Memory {
        /** What is remembered of every one of {@code uids}, in their order, or null if any is not (or may be stale). */
        List<Remembered> recall(long[] uids);

        /** A read of the store found this. */
        void remember(Remembered read);
    }

    /** The metadata and summaries of the given messages that exist, ascending UID. */
    public List<Summarized<MessageSummary>> withSummaries(Mailbox mailbox, long[] uids) {
        return withSummaries(mailbox, uids, null);
    }

    /** {@link #withSummaries(Mailbox, long[])} with each message's {@link Head} (null: none). */
    public List<Summarized<MessageSummary>> withSummaries(Mailbox mailbox, long[] uids, Head head) {
        return withSummaries(mailbox, uids, head, null);
    }

    /**
     * {@link #withSummaries(Mailbox, long[], Head)}, answered from {@code memory} and the content cache when they
     * know every message, and told to {@code memory} when read from the store (null: no memory).
     */
    public List<Summarized<MessageSummary>> withSummaries(Mailbox mailbox, long[] uids, Head head, Memory memory) {
        return read(mailbox, uids, MessageSummaryCodec::decode, summary -> summary, head, memory);
    }

    /** The metadata and envelopes of the given messages that exist, ascending UID: decodes less than {@link #withSummaries}. */
    public List<Summarized<ImapEnvelope>> withEnvelopes(Mailbox mailbox, long[] uids) {
        return withEnvelopes(mailbox, uids, null);
    }

    /** {@link #withEnvelopes(Mailbox, long[])} with each message's {@link Head} (null: none). */
    public List<Summarized<ImapEnvelope>> withEnvelopes(Mailbox mailbox, long[] uids, Head head) {
        return withEnvelopes(mailbox, uids, head, null);
    }

    /** {@link #withEnvelopes(Mailbox, long[], Head)} with a {@link Memory}, as {@link #withSummaries(Mailbox, long[], Head, Memory)}. */
    public List<Summarized<ImapEnvelope>> withEnvelopes(Mailbox mailbox, long[] uids, Head head, Memory memory) {
        return read(mailbox, uids, MessageSummaryCodec::decodeEnvelope, MessageSummary::envelope, head, memory);
    }

    /** The metadata of the given messages that exist with their {@link Head}, without summaries; ascending UID. */
    public List<Summarized<Void>> withHeads(Mailbox mailbox, long[] uids, Head head) {
        return withHeads(mailbox, uids, head, null);
    }

    /** {@link #withHeads(Mailbox, long[], Head)} with a {@link Memory}, as {@link #withSummaries(Mailbox, long[], Head, Memory)}. */
    public List<Summarized<Void>> withHeads(Mailbox mailbox, long[] uids, Head head, Memory memory) {
        return read(mailbox, uids, null, null, head, memory);
    }

    private static <T> Map<Long, T> byUid(List<Summarized<T>> read) {
        Map<Long, T> result = new LinkedHashMap<>();
        read.forEach(one -> result.put(one.meta().uid(), one.summary()));
        return result;
    }

    public Optional<MessageSummary> summary(Mailbox mailbox, long uid) {
        return Optional.ofNullable(summaries(mailbox, List.of(uid)).get(uid));
    }

    /** Only the envelopes (FETCH ENVELOPE): decodes less than {@link #summaries}. */
    public Map<Long, ImapEnvelope> envelopes(Mailbox mailbox, Collection<Long> uids) {
        return byUid(withEnvelopes(mailbox, MailboxService.toArray(uids)));
    }

    private record Row(MessageMeta meta, byte[] summary, byte[] head) {
        long contentId() {
            return meta.contentId();
        }
    }

    /**
     * The statements of {@link #read}, built once (formatting them per FETCH showed in profiles): by whether summaries
     * are read, then by head (none, header only, whole message). The head is cut out by PostgreSQL in the same
     * snapshot as the metadata: a message is there with its octets or not at all.
     */
    private static final String[][] READ = readStatements();

    private static String[][] readStatements() {
        String prefix = MessageContents.PREFIX;
        String[] heads = {"NULL::bytea",
                "CASE WHEN octet_length(" + prefix + ") + c.body_offset <= ? THEN " + prefix
                        + " || substring(c.raw FROM 1 FOR c.body_offset) END",
                "CASE WHEN m.size <= ? THEN " + prefix + " || c.raw END"};
        String[][] statements = new String[2][heads.length];
        for (int summary = 0; summary < 2; summary++) {
            for (int h = 0; h < heads.length; h++) {
                statements[summary][h] = "SELECT " + (summary == 0 ? "NULL::bytea" : "c.summary") + ", "
                        + MailboxService.metaColumns("m.") + ", " + heads[h] + " AS head"
                        + " FROM messages m JOIN message_contents c ON c.id = m.content_id"
                        + " WHERE m.mailbox_id = ? AND m.uid = ANY(?) ORDER BY m.uid";
            }
        }
        return statements;
    }

    /**
     * The metadata with the trace prefix's octets and the database's {@link ContentCache.Epoch}, for reads
     * whose contents the cache may know.
     */
    private static final String READ_METAS = "SELECT m.trace_prefix, " + MailboxService.metaColumns("m.")
            + ", " + ContentCache.Epoch.COLUMNS + " FROM messages m WHERE m.mailbox_id = ? AND m.uid = ANY(?) ORDER BY m.uid";

    /**
     * @param decoder null: no summaries, only metadata (and heads)
     * @param memory null: none; only used with the content cache (without it nothing would be saved)
     */
    private <T> List<Summarized<T>> read(Mailbox mailbox, long[] uids, Function<byte[], T> decoder,
            Function<MessageSummary, T> fromParsed, Head head, Memory memory) {
        if (uids.length == 0) {
            return List.of();
        }
        if (cache.enabled()) {
            return readThroughCache(mailbox, uids, decoder != null, fromParsed, head, memory);
        }
        List<Summarized<T>> result = new ArrayList<>(uids.length);
        for (Row row : rows(mailbox, uids, decoder != null, head)) {
            result.add(new Summarized<>(row.meta(), decoder == null ? null : summaryOf(row, decoder, fromParsed),
                    row.head()));
        }
        return result;
    }

    /**
     * The metadata first, with what the cache knows of the contents; the messages whose contents it does not
     * know (enough of) are read as without it, in one more query, and what that brings is remembered. A message
     * expunged between the two queries is left out, as if the first had not seen it.
     */
    private <T> List<Summarized<T>> readThroughCache(Mailbox mailbox, long[] uids, boolean summaries,
            Function<MessageSummary, T> fromParsed, Head head, Memory memory) {
        List<Remembered> recalled = memory == null ? null : memory.recall(uids);
        if (recalled != null) {
            List<Summarized<T>> answered = fromMemory(recalled, summaries, fromParsed, head);
            if (answered != null) {
                return answered;
            }
        }
        List<Remembered> known = jdbc.sql(READ_METAS).params(mailbox.id(), uids)
                .query((rs, n) -> new Remembered(MailboxService.metaAfter(rs, 1), rs.getBytes(1),
                        ContentCache.Epoch.read(rs, 12))).list();
        if (memory != null) {
            known.forEach(memory::remember);
        }
        List<Summarized<T>> result = new ArrayList<>(known.size());
        List<Long> missing = new ArrayList<>();
        for (Remembered one : known) {
            Summarized<T> read = fromCache(one, cache.get(one.meta().contentId(), one.epoch), summaries, fromParsed, head);
            if (read == null) {
                missing.add(one.meta().uid());
            } else {
                result.add(read);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        ContentCache.Epoch epoch = known.get(0).epoch;
        for (Row row : rows(mailbox, MailboxService.toArray(missing), summaries, head)) {
            MessageSummary summary = summaries ? summaryOf(row, MessageSummaryCodec::decode, parsed -> parsed) : null;
            byte[] octets = row.head() == null ? null
                    : Arrays.copyOfRange(row.head(), row.meta().prefixLength(), row.head().length);
            cache.remember(row.contentId(), epoch, summary, row.summary() == null ? 0 : row.summary().length, octets,
                    head != null && !head.headerOnly());
            result.add(new Summarized<>(row.meta(), summary == null ? null : fromParsed.apply(summary), row.head()));
        }
        result.sort(Comparator.comparingLong(one -> one.meta().uid()));
        return result;
    }

    /**
     * The reads of remembered messages, from the content cache alone; null when it does not know (enough of) one of
     * them, or knows another database than theirs (then the store is read as without memory).
     */
    private <T> List<Summarized<T>> fromMemory(List<Remembered> recalled, boolean summaries,
            Function<MessageSummary, T> fromParsed, Head head) {
        List<Summarized<T>> result = new ArrayList<>(recalled.size());
        for (Remembered one : recalled) {
            Summarized<T> read = fromCache(one, cache.peek(one.meta().contentId(), one.epoch), summaries, fromParsed,
                    head);
            if (read == null) {
                return null;
            }
            result.add(read);
        }
        result.sort(Comparator.comparingLong(one -> one.meta().uid()));
        return result;
    }

    /** A message's read from what the cache holds of its content ({@code parts}), or null if that is not enough. */
    private static <T> Summarized<T> fromCache(Remembered one, ContentCache.Parts parts, boolean summaries,
            Function<MessageSummary, T> fromParsed, Head head) {
        byte[] octets = parts == null || head == null ? null : parts.head(head, one.prefix, one.meta().size());
        if (parts == null || (summaries && parts.summary() == null) || octets == ContentCache.NONE) {
            return null;
        }
        return new Summarized<>(one.meta(), summaries ? fromParsed.apply(parts.summary()) : null, octets);
    }

    private List<Row> rows(Mailbox mailbox, long[] uids, boolean summaries, Head head) {
        List<Object> params = new ArrayList<>();
        int headKind = 0;
        if (head != null) {
            headKind = head.headerOnly() ? 1 : 2;
            params.add(head.maxOctets());
        }
        params.add(mailbox.id());
        params.add(uids);
        return jdbc.sql(READ[summaries ? 1 : 0][headKind])
                .params(params)
                .query((rs, n) -> new Row(MailboxService.metaAfter(rs, 1), rs.getBytes(1), rs.getBytes("head"))).list();
    }

    /** The stored summary decoded; parsed again from the message when there is none or it is unreadable. */
    private <T> T summaryOf(Row row, Function<byte[], T> decoder, Function<MessageSummary, T> fromParsed) {
        if (row.summary() != null) {
            try {
                return decoder.apply(row.summary());
            } catch (SummaryFormatException e) {
                log.warn("summary of content {} unreadable ({}); parsing the message again", row.contentId(),
                        e.getMessage());
            }
        }
        return fromParsed.apply(parseAgain(row));
    }

    private MessageSummary parseAgain(Row row) {
        byte[] raw = jdbc.sql("SELECT raw FROM message_contents WHERE id = ?").param(row.contentId())
                .query((rs, n) -> rs.getBytes(1)).single();
        MessageSummary summary = MessageSummaryParser.parse(raw);
        if (row.summary() == null) {
            SummaryColumns columns = SummaryColumns.of(summary, raw);
            // the messages' copy of the Date (V31) follows the content's
            jdbc.sql("WITH c AS (UPDATE message_contents SET (" + SummaryColumns.COLUMNS + ") = ("
                    + SummaryColumns.PLACEHOLDERS + ") WHERE id = ? AND summary IS NULL RETURNING id, sent_date)"
                    + " UPDATE messages m SET sent_date = c.sent_date FROM c WHERE m.content_id = c.id")
                    .params(columns.parameters()).param(row.contentId()).update();
        }
        return summary.withoutSearchText();
    }
}
