package io.mailplatform.store.mailbox;

import io.mailplatform.core.thread.ThreadKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the THREAD keys (migration V34) of a mailbox's contents stored before they existed (or
 * imported without them, before V51) from their stored header octets, and writes them back, so it
 * happens once per content.
 */
@Service
public class ThreadKeyBackfill {
    /** Contents per query: their headers are held at once. */
    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    public ThreadKeyBackfill(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills the missing keys of the mailbox's contents; returns how many contents got them. */
    public int fill(Mailbox mailbox) {
        List<Long> ids = jdbc.sql("""
                SELECT DISTINCT c.id FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND c.thread_references IS NULL ORDER BY c.id""")
                .param(mailbox.id()).query(Long.class).list();
        int filled = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            long[] batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream().mapToLong(Long::longValue)
                    .toArray();
            List<Long> found = new ArrayList<>();
            List<Object[]> keys = new ArrayList<>();
            jdbc.sql("SELECT id, substring(raw FROM 1 FOR body_offset) FROM message_contents WHERE id = ANY(?)")
                    .param(batch).query(rs -> {
                        found.add(rs.getLong(1));
                        keys.add(SummaryColumns.threadParameters(ThreadKeys.of(rs.getBytes(2))));
                    });
            int n = found.size();
            String[] messageIds = new String[n];
            String[] references = new String[n];
            Boolean[] replies = new Boolean[n];
            for (int i = 0; i < n; i++) {
                messageIds[i] = (String) keys.get(i)[0];
                references[i] = (String) keys.get(i)[1];
                replies[i] = (Boolean) keys.get(i)[2];
            }
            filled += jdbc.sql("""
                    UPDATE message_contents c SET (thread_message_id, thread_references, thread_reply)
                        = (k.message_id, k.refs, k.reply)
                    FROM unnest(?::bigint[], ?::text[], ?::text[], ?::boolean[]) AS k(id, message_id, refs, reply)
                    WHERE c.id = k.id AND c.thread_references IS NULL""")
                    .params(found.stream().mapToLong(Long::longValue).toArray(), messageIds, references, replies).update();
        }
        return filled;
    }
}
