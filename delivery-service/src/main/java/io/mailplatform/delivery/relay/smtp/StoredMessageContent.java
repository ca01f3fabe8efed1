package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.store.mailbox.MessageContents;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A message stored in {@code message_contents}, read from PostgreSQL one chunk at a time
 * ({@code substring(raw ...)}), optionally after a prefix of our own (e.g. a trace field).
 */
public final class StoredMessageContent implements MessageContent {
    private final MessageContents store;
    private final long contentId;
    private final long storedSize;
    private final byte[] prefix;
    private final int chunkSize;

    private StoredMessageContent(MessageContents store, long contentId, long storedSize, byte[] prefix, int chunkSize) {
        this.store = store;
        this.contentId = contentId;
        this.storedSize = storedSize;
        this.prefix = prefix;
        this.chunkSize = chunkSize;
    }

    /**
     * The content with the given id, its size read now.
     *
     * @param prefix octets sent before the stored ones (complete header lines), or an empty array
     * @param chunkSize octets read per query ({@code mail.relay.client.limits.chunk-size})
     * @throws IOException if there is no such content
     */
    public static StoredMessageContent of(MessageContents store, long contentId, byte[] prefix, int chunkSize)
            throws IOException {
        OptionalLong size = store.size(contentId);
        if (size.isEmpty()) {
            throw new IOException("message content " + contentId + " is not stored");
        }
        return new StoredMessageContent(store, contentId, size.getAsLong(), prefix.clone(), chunkSize);
    }

    /** The content with the given id whose size is known (read with others, in one query). */
    public static StoredMessageContent of(MessageContents store, long contentId, long storedSize, byte[] prefix,
            int chunkSize) {
        return new StoredMessageContent(store, contentId, storedSize, prefix.clone(), chunkSize);
    }

    @Override
    public long size() {
        return prefix.length + storedSize;
    }

    @Override
    public Chunks open() {
        return new Chunks() {
            private boolean prefixSent = prefix.length == 0;
            private long offset;

            @Override
            public byte[] next() throws IOException {
                if (!prefixSent) {
                    prefixSent = true;
                    return prefix.clone();
                }
                if (offset >= storedSize) {
                    return null;
                }
                byte[] chunk = store.chunk(contentId, offset, (int) Math.min(chunkSize, storedSize - offset))
                        .orElseThrow(() -> new IOException("message content " + contentId + " was removed while being sent"));
                if (chunk.length == 0) {
                    throw new IOException("message content " + contentId + " is shorter than its " + storedSize + " octets");
                }
                offset += chunk.length;
                return chunk;
            }
        };
    }
}
