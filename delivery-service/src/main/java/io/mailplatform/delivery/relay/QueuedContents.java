package io.mailplatform.delivery.relay;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.delivery.dsn.DsnGenerator;
import io.mailplatform.store.mailbox.MessageContents;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what the relay needs of a queued message without loading it whole: its header section (to
 * count {@code Received:} fields, and to return with a DSN) and, for a DSN that returns the whole
 * message, the message if it is small enough.
 */
final class QueuedContents {
    private static final int CHUNK = 64 * 1024;
    /**
     * Octets read ahead of each message of a batch: the header of nearly every message, and the
     * whole of a small one, which is then sent from memory (at most {@code max-in-flight} such
     * messages are held, 16 MiB with the defaults).
     */
    static final int HEAD = 16 * 1024;
    /** A header larger than this is cut here: enough for any count and any report. */
    private static final int MAX_HEADER = 1 << 20;

    private final MessageContents contents;

    QueuedContents(MessageContents contents) {
        this.contents = contents;
    }

    /** A message as returned with a DSN: whole, or its header only. */
    record Original(byte[] octets, boolean complete) {
    }

    /** The header section (with its blank line), empty if the content is gone. */
    Optional<byte[]> header(long contentId) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        long offset = 0;
        while (offset < MAX_HEADER) {
            Optional<byte[]> chunk = contents.chunk(contentId, offset, CHUNK);
            if (chunk.isEmpty()) {
                return Optional.empty();
            }
            byte[] octets = chunk.get();
            header.writeBytes(octets);
            byte[] read = header.toByteArray();
            int body = HeaderSection.bodyOffset(read); // scanned whole again: the blank line may straddle two chunks
            if (body < read.length || octets.length < CHUNK) {
                return Optional.of(Arrays.copyOf(read, body));
            }
            offset += octets.length;
        }
        return Optional.of(header.toByteArray());
    }

    /** How many {@code Received:} fields the message has; -1 if it is gone. */
    int receivedCount(long contentId) {
        Optional<byte[]> header = header(contentId);
        return header.isEmpty() ? -1 : receivedCount(header.get());
    }

    /**
     * How many {@code Received:} fields the message has, from its head read beforehand (null: it is
     * gone); read again whole only if its header is longer than the head.
     */
    int receivedCount(long contentId, MessageContents.Head head) {
        if (head == null) {
            return -1;
        }
        byte[] octets = head.octets();
        int body = HeaderSection.bodyOffset(octets);
        if (body < octets.length || octets.length >= head.size()) {
            return receivedCount(Arrays.copyOf(octets, body));
        }
        return receivedCount(contentId);
    }

    private static int receivedCount(byte[] header) {
        int count = 0;
        for (HeaderField field : HeaderSection.fields(header)) {
            if (field.name().equalsIgnoreCase("Received")) {
                count++;
            }
        }
        return count;
    }

    /** The message for a DSN: whole if that is wanted and it is small enough, else its header. */
    Original forReport(long contentId, boolean whole) {
        if (whole) {
            OptionalLong size = contents.size(contentId);
            if (size.isPresent() && size.getAsLong() <= DsnGenerator.MAX_RETURNED) {
                Optional<byte[]> octets = contents.chunk(contentId, 0, (int) size.getAsLong());
                if (octets.isPresent()) {
                    return new Original(octets.get(), true);
                }
            }
        }
        return new Original(header(contentId).orElse(new byte[0]), false);
    }
}
