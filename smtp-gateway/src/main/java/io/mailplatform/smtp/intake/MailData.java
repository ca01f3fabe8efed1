package io.mailplatform.smtp.intake;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail data of one message (RFC 5321 §4.1.1.4, or the BDAT chunks of RFC 3030) as received so
 * far, in heap segments reserved from the {@link MessageMemoryBudget} before they are allocated, so
 * the budget counts what is really held. Segments grow from {@value #FIRST_SEGMENT} to
 * {@value #MAX_SEGMENT} octets: a small message wastes little, a large one is never copied to grow
 * and never needs one huge array while it arrives (which the garbage collector would have to place
 * in contiguous free regions). Not thread-safe: one owner at a time, the session, then the publish.
 */
public final class MailData {
    static final int FIRST_SEGMENT = 8 * 1024;
    static final int MAX_SEGMENT = 64 * 1024;

    private final MessageMemoryBudget budget;
    private final long maxSize;
    private List<byte[]> segments = new ArrayList<>();
    private long reserved;
    private long length;
    private int lastUsed;

    /**
     * @param maxSize the most octets this message may have (the SIZE limit); no segment reaches past it,
     *        so a message of exactly that size never needs more of the budget than that
     */
    public MailData(MessageMemoryBudget budget, long maxSize) {
        this.budget = budget;
        this.maxSize = maxSize;
    }

    /**
     * Copies the readable octets of {@code bytes} (the caller keeps and releases the buffer). False
     * when the budget has no room for them: then everything is released, and this holds nothing more.
     */
    public boolean append(ByteBuf bytes) {
        if (segments == null) {
            return false;
        }
        int index = bytes.readerIndex();
        int remaining = bytes.readableBytes();
        if (length + remaining > maxSize) {
            throw new IllegalArgumentException("mail data over " + maxSize + " octets");
        }
        while (remaining > 0) {
            if (segments.isEmpty() || lastUsed == segments.get(segments.size() - 1).length) {
                int size = (int) Math.min(segments.isEmpty() ? FIRST_SEGMENT
                        : Math.min(MAX_SEGMENT, 2L * segments.get(segments.size() - 1).length), maxSize - reserved);
                if (!budget.tryReserve(size)) {
                    release();
                    return false;
                }
                reserved += size;
                segments.add(new byte[size]);
                lastUsed = 0;
            }
            byte[] segment = segments.get(segments.size() - 1);
            int take = Math.min(remaining, segment.length - lastUsed);
            bytes.getBytes(index, segment, lastUsed, take);
            lastUsed += take;
            index += take;
            remaining -= take;
            length += take;
        }
        return true;
    }

    /** Octets held. */
    public long length() {
        return length;
    }

    /** Octets of the budget this message holds (its segments, the last one perhaps not full). */
    public long reserved() {
        return reserved;
    }

    /** Copies the mail data into {@code target} from {@code offset}. */
    void copyTo(byte[] target, int offset) {
        List<byte[]> held = segments;
        if (held == null) {
            throw new IllegalStateException("mail data already released");
        }
        long left = length;
        for (byte[] segment : held) {
            int take = (int) Math.min(left, segment.length);
            System.arraycopy(segment, 0, target, offset, take);
            offset += take;
            left -= take;
        }
    }

    /** Gives the reservation back and lets the segments go; safe to call more than once. */
    public void release() {
        if (segments == null) {
            return;
        }
        segments = null;
        budget.release(reserved);
        reserved = 0;
    }
}
