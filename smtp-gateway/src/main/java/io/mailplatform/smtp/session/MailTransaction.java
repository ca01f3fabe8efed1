package io.mailplatform.smtp.session;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.ReversePath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction (RFC 5321 §3.3): the reverse path and its parameters, the accepted forward
 * paths, and the content received so far in one pooled buffer. Once the content exceeds the size
 * limit the buffer is released and only counting goes on, so an over-size message costs no memory.
 */
final class MailTransaction {
    /** The first allocation for the content; SIZE= may suggest more, up to this much. */
    private static final int MAX_INITIAL_CAPACITY = 1 << 20;

    private final ReversePath reversePath;
    private final MailParameters parameters;
    private final List<EnvelopeRecipient> recipients = new ArrayList<>();
    private ByteBuf content;
    private long size;
    private boolean oversized;
    private boolean lastChunk;
    private boolean discarded;

    MailTransaction(ReversePath reversePath, MailParameters parameters) {
        this.reversePath = reversePath;
        this.parameters = parameters;
    }

    ReversePath reversePath() {
        return reversePath;
    }

    MailParameters parameters() {
        return parameters;
    }

    List<EnvelopeRecipient> recipients() {
        return recipients;
    }

    void addRecipient(EnvelopeRecipient recipient) {
        recipients.add(recipient);
    }

    /** Appends content (copied: the caller keeps and releases {@code bytes}), or only counts it once over {@code maxSize}. */
    void append(ByteBuf bytes, ByteBufAllocator allocator, long maxSize) {
        int length = bytes.readableBytes();
        size += length;
        if (oversized || discarded) {
            return;
        }
        if (size > maxSize) {
            oversized = true;
            releaseContent();
            return;
        }
        if (content == null) {
            long hint = parameters.size() > 0 ? Math.min(parameters.size() + 1024, maxSize) : 16 * 1024;
            content = allocator.heapBuffer((int) Math.max(length, Math.min(hint, MAX_INITIAL_CAPACITY)));
        }
        content.writeBytes(bytes, bytes.readerIndex(), length);
    }

    /** Whether the BDAT chunk being received is the LAST one (RFC 3030 §2). */
    boolean lastChunk() {
        return lastChunk;
    }

    void lastChunk(boolean last) {
        lastChunk = last;
    }

    /** Keeps counting but stores no more content (the message is refused at its end anyway). */
    void discardContent() {
        discarded = true;
        releaseContent();
    }

    long size() {
        return size;
    }

    boolean oversized() {
        return oversized;
    }

    /** The content received (null when there is none); still owned by the transaction. */
    ByteBuf content() {
        return content;
    }

    /** Frees the content buffer; the transaction is over. */
    void releaseContent() {
        if (content != null) {
            content.release();
            content = null;
        }
    }
}
