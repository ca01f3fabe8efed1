package io.mailplatform.delivery.relay.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * The octets of a message to send, read a chunk at a time so that no message is ever held whole.
 * The client calls {@link #open()} and {@link Chunks#next()} on its content threads (they may block
 * on the database) and asks for the next chunk only when the previous one has been written.
 */
public interface MessageContent {

    /** The size in octets, as stored: for {@code SIZE=} (RFC 1870) and the check against the server's limit. */
    long size();

    /** Starts a read from the beginning; each transaction (and each scan) opens its own. */
    Chunks open() throws IOException;

    /** One read through the content. */
    interface Chunks extends Closeable {
        /** The next octets, never empty; null at the end. */
        byte[] next() throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** Content already in memory (a generated DSN, tests), handed out in 64 KiB slices. */
    static MessageContent of(byte[] octets) {
        byte[] copy = octets.clone();
        int slice = 64 * 1024;
        return new MessageContent() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public Chunks open() {
                return new Chunks() {
                    private int position;

                    @Override
                    public byte[] next() {
                        if (position >= copy.length) {
                            return null;
                        }
                        int end = Math.min(copy.length, position + slice);
                        byte[] chunk = Arrays.copyOfRange(copy, position, end);
                        position = end;
                        return chunk;
                    }
                };
            }
        };
    }
}
