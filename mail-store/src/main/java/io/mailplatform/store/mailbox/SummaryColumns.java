package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessagePreview;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.core.sort.SortKeys;
import io.mailplatform.core.thread.ThreadKeys;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * The values of the summary columns of {@code message_contents} (migrations V2, V25, V30, V34, V42) for one message,
 * from one parse. {@link MailboxService} stores them with every content it inserts; a writer with
 * its own batched INSERT uses {@link #COLUMNS}, {@link #PLACEHOLDERS} and {@link #parameters()}.
 *
 * @param summary the {@link MessageSummaryCodec} bytes of the summary without its search texts
 * @param sentDate the Date header, or null
 * @param sentDay the date of the Date header as written, in the header's own zone, or null
 * @param subject decoded Subject, or null when absent
 * @param fromText decoded From display text ("Name &lt;mailbox@host&gt;, ..."), empty when absent
 * @param toText decoded To display text
 * @param ccText decoded Cc display text
 * @param bccText decoded Bcc display text
 * @param searchText the text for {@code search_vector}; null when the message is indexed later
 *        ({@link #withoutSearchText}, {@link SearchIndexQueue})
 * @param headerText the text for {@code header_vector}: every header field of the message and its parts; null
 *        with {@code searchText}
 * @param sortKeys the text keys of IMAP SORT
 * @param threadKeys what IMAP THREAD=REFERENCES needs besides the base subject
 * @param preview the text of IMAP PREVIEW (RFC 8970), {@link MessagePreview}
 */
public record SummaryColumns(byte[] summary, Timestamp sentDate, LocalDate sentDay, String subject, String fromText,
        String toText, String ccText, String bccText, String searchText, String headerText, SortKeys sortKeys,
        ThreadKeys threadKeys, String preview) {

    /** Header text columns are capped (characters): SEARCH compares substrings, a megabyte Subject is junk. */
    public static final int HEADER_TEXT_LIMIT = 16 * 1024;

    /** The sort key columns (V30), in the order of {@link #sortParameters(SortKeys)}. */
    public static final String SORT_COLUMNS = "sort_subject, sort_from, sort_to, sort_cc, sort_display_from, sort_display_to";

    /** The thread key columns (V34), in the order of {@link #threadParameters(ThreadKeys)}. */
    public static final String THREAD_COLUMNS = "thread_message_id, thread_references, thread_reply";

    /** The column list, in the order of {@link #parameters()}. */
    public static final String COLUMNS =
            "summary, sent_date, sent_day, subject, from_text, to_text, cc_text, bcc_text, search_vector, header_vector, "
            + SORT_COLUMNS + ", " + THREAD_COLUMNS + ", preview";

    /** JDBC placeholders matching {@link #COLUMNS}. */
    public static final String PLACEHOLDERS =
            "?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?), to_tsvector('simple', ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** {@link #PLACEHOLDERS} with the column types, for an {@code INSERT ... SELECT}, where nothing else gives them. */
    public static final String TYPED_PLACEHOLDERS = "?::bytea, ?::timestamptz, ?::date, ?::text, ?::text, ?::text, ?::text,"
            + " ?::text, to_tsvector('simple', ?::text), to_tsvector('simple', ?::text), ?::text, ?::text, ?::text, ?::text,"
            + " ?::text, ?::text, ?::text, ?::text, ?::boolean, ?::text";

    /** Parses the message once and derives every column. */
    public static SummaryColumns of(byte[] raw) {
        return of(MessageSummaryParser.parse(raw), raw);
    }

    /**
     * Every column but the search vectors, which stay NULL until {@link SearchIndexQueue} fills them:
     * the search texts and their full-text vectors are most of the cost of storing a message.
     */
    public static SummaryColumns withoutSearchText(byte[] raw) {
        SummaryColumns all = of(MessageSummaryParser.parse(raw, MessageSummaryParser.Limits.WITHOUT_SEARCH_TEXT), raw);
        return new SummaryColumns(all.summary, all.sentDate, all.sentDay, all.subject, all.fromText, all.toText,
                all.ccText, all.bccText, null, null, all.sortKeys, all.threadKeys, all.preview);
    }

    /** Whether the search vectors are among the columns (else the content goes to {@link SearchIndexQueue}). */
    public boolean indexed() {
        return searchText != null;
    }

    /** The columns of a message parsed already; {@code raw} is read for the header fields threading needs. */
    public static SummaryColumns of(MessageSummary summary, byte[] raw) {
        ImapEnvelope envelope = summary.envelope();
        OffsetDateTime sent = summary.sentDate();
        return new SummaryColumns(MessageSummaryCodec.encode(summary.withoutSearchText()),
                sent == null ? null : Timestamp.from(sent.toInstant()), sent == null ? null : sent.toLocalDate(),
                text(HeaderText.decode(envelope.subject())), text(HeaderText.addresses(envelope.from())),
                text(HeaderText.addresses(envelope.to())), text(HeaderText.addresses(envelope.cc())),
                text(HeaderText.addresses(envelope.bcc())), summary.searchText() == null ? "" : summary.searchText(),
                summary.headerText() == null ? "" : summary.headerText(), SortKeys.of(envelope), ThreadKeys.of(raw),
                text(MessagePreview.of(raw, summary.body())));
    }

    /** The JDBC parameters for {@link #PLACEHOLDERS}. */
    public Object[] parameters() {
        Object[] text = {summary, sentDate, sentDay, subject, fromText, toText, ccText, bccText, searchText, headerText};
        Object[] sort = sortParameters(sortKeys);
        Object[] thread = threadParameters(threadKeys);
        Object[] all = Arrays.copyOf(text, text.length + sort.length + thread.length + 1);
        System.arraycopy(sort, 0, all, text.length, sort.length);
        System.arraycopy(thread, 0, all, text.length + sort.length, thread.length);
        all[all.length - 1] = preview;
        return all;
    }

    /** The JDBC parameters for {@link #THREAD_COLUMNS}. */
    public static Object[] threadParameters(ThreadKeys keys) {
        return new Object[] {keys.messageId(), String.join(" ", keys.references()), keys.replyOrForward()};
    }

    /** The JDBC parameters for {@link #SORT_COLUMNS}. */
    public static Object[] sortParameters(SortKeys keys) {
        return new Object[] {keys.subject(), keys.from(), keys.to(), keys.cc(), keys.displayFrom(), keys.displayTo()};
    }

    /** PostgreSQL text holds no NUL; capped. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String capped = value;
        if (value.length() > HEADER_TEXT_LIMIT) {
            int end = Character.isHighSurrogate(value.charAt(HEADER_TEXT_LIMIT - 1)) ? HEADER_TEXT_LIMIT - 1
                    : HEADER_TEXT_LIMIT;
            capped = value.substring(0, end);
        }
        return capped.indexOf('\0') < 0 ? capped : capped.replace('\0', ' ');
    }
}
