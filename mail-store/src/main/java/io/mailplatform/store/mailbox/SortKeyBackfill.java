package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.sort.SortKeys;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the SORT keys (migration V30) of a mailbox's contents stored before they existed, from
 * their stored envelopes (no message is parsed unless its summary is missing too), and writes them
 * back, so it happens once per content; the messages' copies of the subject and display-from keys
 * (V49) follow.
 */
@Service
public class SortKeyBackfill {
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final MessageSummaries summaries;

    public SortKeyBackfill(JdbcClient jdbc, MessageSummaries summaries) {
        this.jdbc = jdbc;
        this.summaries = summaries;
    }

    /**
     * Fills the missing keys of the mailbox's contents, and their copies on the messages of those
     * contents; returns how many contents and messages got them.
     */
    public int fill(Mailbox mailbox) {
        List<Long> uids = jdbc.sql("""
                SELECT m.uid FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND c.sort_subject IS NULL ORDER BY m.uid""")
                .param(mailbox.id()).query(Long.class).list();
        int filled = 0;
        for (int from = 0; from < uids.size(); from += BATCH) {
            List<Long> batch = uids.subList(from, Math.min(uids.size(), from + BATCH));
            Map<Long, ImapEnvelope> envelopes = summaries.envelopes(mailbox, batch);
            long[] found = new long[envelopes.size()];
            String[][] keys = new String[6][envelopes.size()];
            int i = 0;
            for (Map.Entry<Long, ImapEnvelope> entry : envelopes.entrySet()) {
                found[i] = entry.getKey();
                Object[] values = SummaryColumns.sortParameters(SortKeys.of(entry.getValue()));
                for (int k = 0; k < values.length; k++) {
                    keys[k][i] = (String) values[k];
                }
                i++;
            }
            // one statement per batch; a content shared by several messages of the mailbox is written once
            filled += jdbc.sql("""
                    UPDATE message_contents c SET (sort_subject, sort_from, sort_to, sort_cc, sort_display_from,
                                                   sort_display_to)
                        = (k.subject, k.sender, k.recipient, k.cc, k.display_from, k.display_to)
                    FROM (SELECT DISTINCT ON (m.content_id) m.content_id, t.*
                          FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                               AS t(uid, subject, sender, recipient, cc, display_from, display_to)
                          JOIN messages m ON m.mailbox_id = ? AND m.uid = t.uid) k
                    WHERE c.id = k.content_id AND c.sort_subject IS NULL""")
                    .params(found, keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], mailbox.id()).update();
        }
        // the copies on messages (V49): of this mailbox's messages and of every other message of those contents
        filled += jdbc.sql("""
                UPDATE messages m SET (sort_subject, sort_display_from) = (c.sort_subject, c.sort_display_from)
                FROM message_contents c
                WHERE c.id = m.content_id AND m.sort_subject IS NULL AND c.sort_subject IS NOT NULL
                  AND m.content_id IN (SELECT content_id FROM messages WHERE mailbox_id = ?)""")
                .param(mailbox.id()).update();
        return filled;
    }
}
