package io.mailplatform.store.mailbox;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Remembers the octet count of each message in the CRLF form POP3 sends (every line ending CRLF),
 * so a message is scanned once, not at every login. A remembered size never goes stale: the content
 * of a message entry never changes, and the row goes when the message does.
 */
@Repository
public class CrlfSizes {
    private static final Logger log = LoggerFactory.getLogger(CrlfSizes.class);

    private final JdbcClient jdbc;

    public CrlfSizes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The remembered sizes of the messages of a mailbox, by UID. */
    public Map<Long, Long> find(Mailbox mailbox) {
        Map<Long, Long> sizes = new HashMap<>();
        jdbc.sql("SELECT uid, crlf_size FROM message_crlf_sizes WHERE mailbox_id = ?").param(mailbox.id())
                .query(rs -> {
                    sizes.put(rs.getLong(1), rs.getLong(2));
                });
        return sizes;
    }

    /** Remembers sizes by UID; messages removed meanwhile are skipped. */
    public void remember(Mailbox mailbox, Map<Long, Long> sizes) {
        if (sizes.isEmpty()) {
            return;
        }
        long[] uids = new long[sizes.size()];
        long[] values = new long[sizes.size()];
        int i = 0;
        for (Map.Entry<Long, Long> entry : sizes.entrySet()) {
            uids[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        try {
            jdbc.sql("""
                    INSERT INTO message_crlf_sizes (mailbox_id, uid, crlf_size)
                    SELECT ?, s.uid, s.size FROM unnest(?::bigint[], ?::bigint[]) AS s(uid, size)
                    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.mailbox_id = ? AND m.uid = s.uid)
                    ON CONFLICT DO NOTHING""").params(mailbox.id(), uids, values, mailbox.id()).update();
        } catch (DataIntegrityViolationException e) {
            // a message was expunged between the check and the insert: it is computed again if ever needed
            log.debug("sizes not remembered: {}", e.getMessage());
        }
    }
}
