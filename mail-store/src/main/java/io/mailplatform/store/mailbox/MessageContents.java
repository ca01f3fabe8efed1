package io.mailplatform.store.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads ranges of many messages in one query (IMAP FETCH of headers or sections over a range of
 * messages): each slice is cut out by PostgreSQL from the stored octets, which are kept
 * uncompressed, so only the needed chunks are read. Offsets count in the message as delivered
 * (trace prefix, then the shared content), like {@link MailboxService#contentRange}. The relay reads
 * a shared content by id the same way, one chunk at a time ({@link #size(long)}, {@link #chunk}),
 * so a message is never loaded whole to be sent on.
 */
@Repository
public class MessageContents {
    /**
     * SQL for the octets that precede the shared content of a mailbox entry {@code m} (a row of
     * {@code messages}); reads of message octets and HEADER searches both go through it. The
     * per-recipient trace prefix of delivery (Return-Path, Delivered-To) is read here.
     */
    public static final String PREFIX = "coalesce(m.trace_prefix, ''::bytea)";

    private final JdbcClient jdbc;

    public MessageContents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A range of one message.
     *
     * @param uid the message
     * @param offset the first octet, counted from the start of the delivered message
     * @param length how many octets (fewer when the message ends first)
     */
    public record Slice(long uid, long offset, long length) {
        // written out: FETCH keys maps by slices, and the generated record methods (method handles the JIT left
        // uninlined there) were a twentieth of the IMAP workers' time
        @Override
        public boolean equals(Object other) {
            return other instanceof Slice slice && slice.uid == uid && slice.offset == offset && slice.length == length;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(uid) + Long.hashCode(offset)) + Long.hashCode(length);
        }
    }

    /**
     * The octets of every slice, in the order given; null for a message that does not exist (any
     * more). Slices past the end of a message are empty.
     */
    public List<byte[]> read(Mailbox mailbox, List<Slice> slices) {
        List<byte[]> result = new ArrayList<>(slices.size());
        if (slices.isEmpty()) {
            return result;
        }
        long[] uids = new long[slices.size()];
        long[] offsets = new long[slices.size()];
        long[] lengths = new long[slices.size()];
        for (int i = 0; i < slices.size(); i++) {
            uids[i] = slices.get(i).uid();
            offsets[i] = Math.min(slices.get(i).offset(), Integer.MAX_VALUE);
            lengths[i] = Math.min(slices.get(i).length(), Integer.MAX_VALUE);
        }
        Map<Long, byte[]> byIndex = new HashMap<>();
        jdbc.sql("""
                SELECT s.i, substring(p.prefix FROM s.off::int + 1 FOR s.len::int)
                    || substring(c.raw FROM greatest(s.off::int - octet_length(p.prefix), 0) + 1
                                 FOR s.len::int - least(s.len::int, greatest(octet_length(p.prefix) - s.off::int, 0)))
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) WITH ORDINALITY AS s(uid, off, len, i)
                JOIN messages m ON m.mailbox_id = ? AND m.uid = s.uid
                JOIN message_contents c ON c.id = m.content_id,
                LATERAL (SELECT %s AS prefix) p""".formatted(PREFIX))
                .params(uids, offsets, lengths, mailbox.id())
                .query(rs -> {
                    byIndex.put(rs.getLong(1), rs.getBytes(2));
                });
        for (int i = 0; i < slices.size(); i++) {
            result.add(byIndex.get((long) i + 1));
        }
        return result;
    }

    /** The size in octets of a stored content, empty if there is no such content. */
    public OptionalLong size(long contentId) {
        return jdbc.sql("SELECT octet_length(raw) FROM message_contents WHERE id = ?").param(contentId)
                .query((rs, n) -> rs.getLong(1)).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * The start of a stored content.
     *
     * @param size its size in octets
     * @param octets its first octets, all of them if it is no longer than asked for
     */
    public record Head(long size, byte[] octets) {
    }

    /**
     * The size and first {@code length} octets of each of these contents, in one query (the relay
     * routes a batch of queued messages with it); contents that do not exist are left out.
     */
    public Map<Long, Head> heads(Collection<Long> contentIds, int length) {
        Map<Long, Head> heads = new HashMap<>();
        if (contentIds.isEmpty()) {
            return heads;
        }
        jdbc.sql("SELECT id, octet_length(raw), substring(raw FROM 1 FOR ?) FROM message_contents WHERE id = ANY(?)")
                .params(length, contentIds.stream().mapToLong(Long::longValue).distinct().toArray())
                .query(rs -> {
                    heads.put(rs.getLong(1), new Head(rs.getLong(2), rs.getBytes(3)));
                });
        return heads;
    }

    /**
     * Up to {@code length} octets of a stored content from {@code offset} (0-based), cut out by
     * PostgreSQL; fewer at its end, none past it. Empty if there is no such content.
     */
    public Optional<byte[]> chunk(long contentId, long offset, int length) {
        if (offset < 0 || length < 0 || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset and length must be non-negative and offset within a bytea");
        }
        return jdbc.sql("SELECT substring(raw FROM ?::int + 1 FOR ?) FROM message_contents WHERE id = ?")
                .params(offset, length, contentId).query((rs, n) -> rs.getBytes(1)).optional();
    }
}
