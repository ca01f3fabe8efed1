package io.mailplatform.store.mailbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.SummaryFormatException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What FETCH reads of a stored content again and again (its decoded summary, its header, the octets
 * of a small message), kept in memory by content id so that a FETCH of known messages reads only their
 * metadata. A content never changes once stored, so an entry is never stale while content ids are not
 * used twice: one whose content was deleted is not asked for again (every read starts from the mailbox's
 * message rows) and ages out.
 *
 * <p>Content ids come from a sequence, which goes back only when the database does: a restore (which
 * restarts PostgreSQL or recreates the database) or a sequence restarted by hand. Every read therefore
 * names the {@link Epoch} of the database it read from, and entries of another epoch are dropped, never
 * served. Restarting the content id sequence while the services run is not detected: restart them too.
 * Bounded by the octets it holds; a bound of 0 disables it.
 */
public class ContentCache {
    /** Rough cost of a decoded summary per octet of its stored form (strings, lists, records). */
    private static final int SUMMARY_WEIGHT_FACTOR = 4;

    /**
     * A content written here is remembered whole up to this size (FETCH's default read-ahead for one message,
     * {@code mail.imap.limits.fetch-head-bytes}), a larger one by its header if that is no longer.
     */
    static final int WRITTEN_WHOLE_MAX = 64 * 1024;

    /** {@link Parts#head}'s answer when the octets asked for are not known here. */
    static final byte[] NONE = new byte[0];

    private final Cache<Long, Parts> parts;
    private volatile Epoch epoch;

    public ContentCache(long maxOctets) {
        this.parts = maxOctets <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxOctets)
                .weigher((Long id, Parts entry) -> entry.weight())
                .build();
    }

    /** A cache that holds nothing. */
    public static ContentCache disabled() {
        return new ContentCache(0);
    }

    public boolean enabled() {
        return parts != null;
    }

    /**
     * Which database a read came from: the server's start and the database's oid, both read by the
     * statement that found the content ids.
     */
    record Epoch(long serverStart, long database) {
        /** The two columns a statement selects to name its epoch ({@link #read}). */
        static final String COLUMNS = "(extract(epoch FROM pg_postmaster_start_time()) * 1000000)::bigint,"
                + " (SELECT oid FROM pg_database WHERE datname = current_database())::bigint";

        /** The epoch from {@link #COLUMNS} selected at {@code column} and the next. */
        static Epoch read(ResultSet rs, int column) throws SQLException {
            return new Epoch(rs.getLong(column), rs.getLong(column + 1));
        }
    }

    /** What is known of a content read in {@code epoch}, or null; the first read of a new epoch empties the cache. */
    Parts get(long contentId, Epoch epoch) {
        if (parts == null || !current(epoch)) {
            return null;
        }
        return parts.getIfPresent(contentId);
    }

    /**
     * What is known of a content read earlier in {@code epoch}, or null, also when that is not the epoch of the
     * latest read: an old read must not make the cache forget what the newer ones brought ({@link #get} would).
     */
    Parts peek(long contentId, Epoch epoch) {
        if (parts == null || !epoch.equals(this.epoch)) {
            return null;
        }
        return parts.getIfPresent(contentId);
    }

    /**
     * Adds what a read of the content in {@code epoch} brought (either may be null): its summary
     * ({@code summaryOctets} long when stored) and its octets from the first, the header alone or the whole
     * message.
     */
    void remember(long contentId, Epoch epoch, MessageSummary summary, int summaryOctets, byte[] octets,
            boolean whole) {
        if (parts == null || (summary == null && octets == null) || !epoch.equals(this.epoch)) {
            return;
        }
        int bodyOffset = octets == null ? -1 : whole ? HeaderSection.bodyOffset(octets) : octets.length;
        Parts read = new Parts(summary, summary == null ? 0 : Math.max(summaryOctets, 64) * SUMMARY_WEIGHT_FACTOR,
                bodyOffset, octets, whole);
        parts.asMap().merge(contentId, read, Parts::with);
    }

    /**
     * Remembers a content this process has just stored (APPEND), read in {@code epoch} by the statement that
     * inserted it: FETCH asks for what a client has just added more than for anything else. Its summary is
     * decoded from the stored form, as a read would decode it.
     */
    void written(long contentId, Epoch epoch, byte[] storedSummary, byte[] raw) {
        if (parts == null || !epoch.equals(this.epoch)) {
            return;
        }
        MessageSummary summary;
        try {
            summary = MessageSummaryCodec.decode(storedSummary);
        } catch (SummaryFormatException e) {
            return;
        }
        boolean whole = raw.length <= WRITTEN_WHOLE_MAX;
        int bodyOffset = whole ? 0 : HeaderSection.bodyOffset(raw);
        byte[] octets = whole ? raw.clone() : bodyOffset <= WRITTEN_WHOLE_MAX ? Arrays.copyOf(raw, bodyOffset) : null;
        remember(contentId, epoch, summary, storedSummary.length, octets, whole);
    }

    private boolean current(Epoch seen) {
        if (seen.equals(epoch)) {
            return true;
        }
        synchronized (this) {
            if (!seen.equals(epoch)) {
                // entries of the other epoch must not answer for contents of this one
                parts.invalidateAll();
                epoch = seen;
            }
        }
        return false;
    }

    /** The octets (as weighed) held now, after pending evictions. */
    long weightedSize() {
        if (parts == null) {
            return 0;
        }
        parts.cleanUp();
        return parts.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /**
     * The known parts of one content.
     *
     * @param bodyOffset where the body starts (the header's length), -1 if not known
     * @param octets the header, or the whole message when {@code whole}; null if not known
     */
    record Parts(MessageSummary summary, int summaryWeight, int bodyOffset, byte[] octets, boolean whole) {
        int weight() {
            return 64 + summaryWeight + (octets == null ? 0 : octets.length);
        }

        Parts with(Parts other) {
            boolean otherOctets = other.octets != null && (octets == null || (other.whole && !whole));
            return new Parts(summary != null ? summary : other.summary,
                    summary != null ? summaryWeight : other.summaryWeight,
                    otherOctets ? other.bodyOffset : bodyOffset, otherOctets ? other.octets : octets,
                    otherOctets ? other.whole : whole);
        }

        /**
         * What {@link MessageSummaries.Head} asks of the content with the message's trace prefix before it, as
         * PostgreSQL would cut it: {@link #NONE} when it is not known here, null when the message (or its
         * header) is longer than the head's bound.
         */
        byte[] head(MessageSummaries.Head head, byte[] prefix, int size) {
            int prefixLength = prefix == null ? 0 : prefix.length;
            int length;
            if (head.headerOnly()) {
                if (bodyOffset < 0) {
                    return NONE;
                }
                if (prefixLength + bodyOffset > head.maxOctets()) {
                    return null;
                }
                length = bodyOffset;
            } else {
                if (size > head.maxOctets()) {
                    return null;
                }
                if (!whole) {
                    return NONE;
                }
                length = octets.length;
            }
            if (prefixLength == 0 && length == octets.length) {
                return octets;
            }
            byte[] result = new byte[prefixLength + length];
            if (prefixLength > 0) {
                System.arraycopy(prefix, 0, result, 0, prefixLength);
            }
            System.arraycopy(octets, 0, result, prefixLength, length);
            return result;
        }
    }
}
