package io.mailplatform.delivery.relay.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * A large message made up on the fly, never held whole by the test either: CRLF lines of 107 or 108
 * octets, every seventh starting with a dot. Each read records how far the client has read ahead
 * of what the server has received.
 */
final class GeneratedContent implements MessageContent {
    private static final String FILLER = "0123456789abcdef".repeat(6);
    private static final int LINE = 8 + 1 + FILLER.length() + 2;

    private final long lines;
    private final int chunkSize;
    private final LongSupplier received;
    private volatile long maxAhead;
    private volatile long lastRead = System.nanoTime();

    /**
     * @param minimumSize the content is at least this large
     * @param received how many octets the server has received so far
     */
    GeneratedContent(long minimumSize, int chunkSize, LongSupplier received) {
        this.lines = minimumSize / LINE + 1;
        this.chunkSize = chunkSize;
        this.received = received;
    }

    @Override
    public long size() {
        return lines * LINE + (lines + 6) / 7;
    }

    /** The most octets handed to the client beyond what the server had received, at any read. */
    long maxAhead() {
        return maxAhead;
    }

    /** How long ago the client last asked for a chunk. */
    Duration sinceLastRead() {
        return Duration.ofNanos(System.nanoTime() - lastRead);
    }

    /** SHA-256 of the whole content, generated once more. */
    String sha256() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (Chunks chunks = new Reader(false)) {
                byte[] chunk;
                while ((chunk = chunks.next()) != null) {
                    digest.update(chunk);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Chunks open() {
        return new Reader(true);
    }

    private final class Reader implements Chunks {
        private final boolean measured;
        private long line;
        private byte[] current = new byte[0];
        private int position;
        private long handedOut;

        Reader(boolean measured) {
            this.measured = measured;
        }

        @Override
        public byte[] next() {
            if (measured) {
                maxAhead = Math.max(maxAhead, handedOut - received.getAsLong());
                lastRead = System.nanoTime();
            }
            if (position == current.length && line == lines) {
                return null;
            }
            byte[] chunk = new byte[chunkSize];
            int filled = 0;
            while (filled < chunkSize) {
                if (position == current.length) {
                    if (line == lines) {
                        break;
                    }
                    current = ((line % 7 == 0 ? "." : "") + "%08d ".formatted(line) + FILLER + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    position = 0;
                    line++;
                }
                int n = Math.min(chunkSize - filled, current.length - position);
                System.arraycopy(current, position, chunk, filled, n);
                position += n;
                filled += n;
            }
            handedOut += filled;
            return filled == chunkSize ? chunk : Arrays.copyOf(chunk, filled);
        }
    }
}
