package io.mailplatform.pop3.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A RETR or TOP response streamed from the store: the status line, then the message read in
 * chunks and encoded by a {@link DotStuffer}, then the terminating ".". Written through Netty's
 * {@link ChunkedWriteHandler}, which asks for the next chunk only while the channel is writable, so
 * a slow client holds at most a chunk or two in memory, never the message.
 *
 * <p>Store reads are blocking, so they run elsewhere ({@link ContentSource} answers with a future):
 * when a chunk is not there yet, {@link #readChunk} returns null and the transfer is resumed when
 * it arrives. The next chunk is read while the current one is being written.
 */
public final class MessageBodyInput implements ChunkedInput<ByteBuf> {

    /** Reads part of the message text (blocking work happens off the event loop). */
    @FunctionalInterface
    public interface ContentSource {
        /** Up to {@code length} octets from {@code offset}; empty when the message is gone. */
        CompletableFuture<Optional<byte[]>> read(long offset, int length);
    }

    private final byte[] statusLine;
    private final ContentSource source;
    private final long storedSize;
    private final int chunkSize;
    private final DotStuffer stuffer;
    private final Runnable resume;

    private boolean statusSent;
    private byte[] current;
    private long nextOffset;
    private CompletableFuture<Optional<byte[]>> next;
    private boolean ended;
    private long produced;

    /**
     * @param statusLine the {@code +OK} line, CRLF included
     * @param first the first chunk of the message, already read (so a vanished message can still get {@code -ERR})
     * @param storedSize the stored size of the message, where reading stops
     * @param resume resumes the transfer when a chunk arrives: {@link ChunkedWriteHandler#resumeTransfer()},
     *        always as a task of the event loop (it may be called from within {@link #readChunk})
     */
    public MessageBodyInput(String statusLine, byte[] first, ContentSource source, long storedSize, int chunkSize,
            DotStuffer stuffer, Runnable resume) {
        this.statusLine = statusLine.getBytes(StandardCharsets.US_ASCII);
        this.current = first;
        this.nextOffset = first.length;
        this.source = source;
        this.storedSize = storedSize;
        this.chunkSize = chunkSize;
        this.stuffer = stuffer;
        this.resume = resume;
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (ended) {
            return null;
        }
        if (current == null) {
            if (!next.isDone()) {
                return null;
            }
            current = take(next);
            next = null;
            nextOffset += current.length;
        }
        ByteBuf out = allocator.buffer(current.length + current.length / 8 + statusLine.length + 8);
        if (!statusSent) {
            out.writeBytes(statusLine);
            statusSent = true;
        }
        stuffer.encode(current, 0, current.length, out);
        int length = current.length;
        current = null;
        // the next chunk is read while this one is being written
        prefetch(length);
        if (next == null) {
            stuffer.finish(out);
            ended = true;
        }
        produced += out.readableBytes();
        return out;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        current = null;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return produced;
    }

    /** Starts reading the chunk after one of {@code lastLength} octets, unless the message is complete. */
    private void prefetch(int lastLength) {
        next = null;
        if (stuffer.isComplete() || nextOffset >= storedSize || lastLength == 0) {
            return;
        }
        int length = (int) Math.min(chunkSize, storedSize - nextOffset);
        next = source.read(nextOffset, length);
        // ChunkedWriteHandler.resumeTransfer hops onto the event loop itself
        next.whenComplete((chunk, failure) -> resume.run());
    }

    private static byte[] take(CompletableFuture<Optional<byte[]>> future) throws IOException {
        Optional<byte[]> chunk;
        try {
            chunk = future.join();
        } catch (RuntimeException e) {
            throw new IOException("reading the message failed", e);
        }
        if (chunk.isEmpty()) {
            throw new IOException("the message was removed while it was being sent");
        }
        return chunk.get();
    }
}
