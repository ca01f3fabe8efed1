package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends many messages to one mailbox with a few statements per batch instead of one transaction
 * per message: for migrating a mailbox in, for benchmarks and for tests that need large
 * mailboxes. Each batch is one transaction that allocates its UIDs and one MODSEQ like
 * {@link MailboxService#append}, stores each content with its summary columns, and publishes one
 * event.
 */
@Service
public class MailboxImport {
    /** Messages per batch (one transaction, three statements). */
    public static final int BATCH = 1000;
    private static final char KEYWORD_SEPARATOR = '\u001f';

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MailboxEventPublisher events;

    public MailboxImport(JdbcClient jdbc, TransactionTemplate transactions, MailboxEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** One message to import. */
    public record ImportedMessage(byte[] raw, MessageFlags flags, Instant internalDate) {
    }

    /**
     * Imports the messages in order; UIDs are consecutive within each batch.
     *
     * @return the UIDs given, in the order of the messages
     */
    public long[] importMessages(Mailbox mailbox, List<ImportedMessage> messages) {
        long[] uids = new long[messages.size()];
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<ImportedMessage> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            long first = importBatch(mailbox, batch);
            for (int i = 0; i < batch.size(); i++) {
                uids[from + i] = first + i;
            }
        }
        return uids;
    }

    private long importBatch(Mailbox mailbox, List<ImportedMessage> batch) {
        int n = batch.size();
        int[] sizes = new int[n];
        int[] bodyOffsets = new int[n];
        byte[][] raws = new byte[n][];
        byte[][] summaries = new byte[n][];
        Timestamp[] sentDates = new Timestamp[n];
        String[] sentDays = new String[n];
        String[][] texts = new String[15][n];
        boolean[] replies = new boolean[n];
        short[] flags = new short[n];
        String[] keywords = new String[n];
        Timestamp[] dates = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            ImportedMessage message = batch.get(i);
            SummaryColumns columns = SummaryColumns.of(message.raw());
            sizes[i] = message.raw().length;
            bodyOffsets[i] = HeaderSection.bodyOffset(message.raw());
            raws[i] = message.raw();
            summaries[i] = columns.summary();
            sentDates[i] = columns.sentDate();
            sentDays[i] = columns.sentDay() == null ? null : columns.sentDay().toString();
            texts[0][i] = columns.subject();
            texts[1][i] = columns.fromText();
            texts[2][i] = columns.toText();
            texts[3][i] = columns.ccText();
            texts[4][i] = columns.bccText();
            texts[5][i] = columns.searchText();
            texts[6][i] = columns.headerText();
            Object[] sortKeys = SummaryColumns.sortParameters(columns.sortKeys());
            for (int k = 0; k < sortKeys.length; k++) {
                texts[7 + k][i] = (String) sortKeys[k];
            }
            // the thread keys too: the new message's THREADID (V51) is found from them as it is inserted
            Object[] threadKeys = SummaryColumns.threadParameters(columns.threadKeys());
            texts[13][i] = (String) threadKeys[0];
            texts[14][i] = (String) threadKeys[1];
            replies[i] = (Boolean) threadKeys[2];
            flags[i] = (short) message.flags().system();
            keywords[i] = String.join(String.valueOf(KEYWORD_SEPARATOR), message.flags().keywords().stream().sorted().toList());
            dates[i] = Timestamp.from(message.internalDate());
        }
        long[] result = transactions.execute(status -> {
            long[] allocated = jdbc.sql("""
                    UPDATE mailboxes SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1 WHERE id = ?
                    RETURNING uid_next - ?, highest_modseq""").params(n, mailbox.id(), n)
                    .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
                    .orElseThrow(() -> new MailboxNotFoundException(mailbox.name()));
            long[] contentIds = jdbc.sql("SELECT nextval('message_contents_id_seq') FROM generate_series(1, ?)").param(n)
                    .query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
            jdbc.sql("""
                    INSERT INTO message_contents (id, size, body_offset, raw, summary, sent_date, sent_day, subject, from_text,
                                                  to_text, cc_text, bcc_text, search_vector, header_vector, sort_subject,
                                                  sort_from, sort_to, sort_cc, sort_display_from, sort_display_to,
                                                  %s)
                    SELECT id, size, body_offset, raw, summary, sent_date, sent_day, subject, from_text, to_text, cc_text,
                           bcc_text, to_tsvector('simple', search), to_tsvector('simple', headers), sort_subject,
                           sort_from, sort_to, sort_cc, sort_display_from, sort_display_to, thread_message_id,
                           thread_references, thread_reply
                    FROM unnest(?::bigint[], ?::int[], ?::int[], ?::bytea[], ?::bytea[], ?::timestamptz[], ?::date[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::boolean[])
                         AS t(id, size, body_offset, raw, summary, sent_date, sent_day, subject, from_text, to_text, cc_text,
                              bcc_text, search, headers, sort_subject, sort_from, sort_to, sort_cc, sort_display_from,
                              sort_display_to, thread_message_id, thread_references, thread_reply)""".formatted(
                            SummaryColumns.THREAD_COLUMNS))
                    .params(contentIds, sizes, bodyOffsets, raws, summaries, sentDates, sentDays, texts[0], texts[1],
                            texts[2], texts[3], texts[4], texts[5], texts[6], texts[7], texts[8], texts[9], texts[10],
                            texts[11], texts[12], texts[13], texts[14], replies)
                    .update();
            long[] uids = new long[n];
            for (int i = 0; i < n; i++) {
                uids[i] = allocated[0] + i;
            }
            jdbc.sql("""
                    INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size,
                                          sent_date)
                    SELECT ?, uid, content_id, ?, flags,
                           CASE WHEN keywords = '' THEN '{}'::text[] ELSE string_to_array(keywords, chr(31)) END,
                           internal_date, size, sent_date
                    FROM unnest(?::bigint[], ?::bigint[], ?::smallint[], ?::text[], ?::timestamptz[], ?::int[],
                                ?::timestamptz[])
                         AS t(uid, content_id, flags, keywords, internal_date, size, sent_date)""")
                    .params(mailbox.id(), allocated[1], uids, contentIds, flags, keywords, dates, sizes, sentDates)
                    .update();
            return new long[] {allocated[0], allocated[1]};
        });
        List<Long> added = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            added.add(result[0] + i);
        }
        events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, mailbox.accountId(), mailbox.id(), mailbox.name(),
                result[1], added, EventOrigin.ID));
        return result[0];
    }
}
