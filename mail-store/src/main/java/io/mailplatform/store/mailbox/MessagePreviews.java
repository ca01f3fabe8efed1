package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.MessagePreview;
import io.mailplatform.core.mime.MessageSummaryParser;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The previews of messages (RFC 8970 IMAP PREVIEW), kept with each content ({@code message_contents.preview},
 * migration V42) since it is stored. A content stored before has none: computed here when asked for, from
 * the first {@link #LEGACY_SCAN_OCTETS} octets of its content (a first text part further in yields an empty
 * preview), and written back, once.
 */
@Repository
public class MessagePreviews {
    /** Octets of a content without a stored preview read to compute it. */
    static final int LEGACY_SCAN_OCTETS = 256 * 1024;

    private final JdbcClient jdbc;

    public MessagePreviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The previews of the given UIDs that still exist, by UID.
     *
     * @param compute whether to compute a preview the store does not hold yet; if not, it is absent
     *        from the map (RFC 8970 LAZY: the client asks again later)
     */
    public Map<Long, String> previews(Mailbox mailbox, long[] uids, boolean compute) {
        Map<Long, String> previews = new HashMap<>();
        Map<Long, Long> missing = new HashMap<>();
        if (uids.length == 0) {
            return previews;
        }
        jdbc.sql("""
                SELECT m.uid, m.content_id, c.preview FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND m.uid = ANY(?)""")
                .params(mailbox.id(), uids)
                .query((RowCallbackHandler) rs -> {
                    String preview = rs.getString(3);
                    if (preview != null) {
                        previews.put(rs.getLong(1), preview);
                    } else {
                        missing.put(rs.getLong(1), rs.getLong(2));
                    }
                });
        if (compute) {
            missing.forEach((uid, contentId) -> compute(contentId).ifPresent(preview -> previews.put(uid, preview)));
        }
        return previews;
    }

    private java.util.Optional<String> compute(long contentId) {
        return jdbc.sql("SELECT substring(raw FROM 1 FOR ?) FROM message_contents WHERE id = ?")
                .params(LEGACY_SCAN_OCTETS, contentId).query(byte[].class).optional().map(raw -> {
                    String preview = MessagePreview.of(raw, MessageSummaryParser.parse(raw).body());
                    jdbc.sql("UPDATE message_contents SET preview = ? WHERE id = ? AND preview IS NULL")
                            .params(preview, contentId).update();
                    return preview;
                });
    }
}
