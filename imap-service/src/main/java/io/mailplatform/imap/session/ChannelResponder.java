package io.mailplatform.imap.session;

import io.mailplatform.imap.encode.ImapWriter;
import io.mailplatform.imap.encode.LiteralCutException;
import io.mailplatform.imap.encode.ResponseEncoders;
import io.mailplatform.imap.response.ImapByeException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes responses onto the channel, in order, from whichever thread runs the command. Off the
 * event loop a write waits while the channel is not writable (its outbound buffer above the high
 * water mark), so answering a FETCH of a large mailbox to a slow client holds one message in memory
 * at a time, not the whole answer (RFC 9051 §5.3 flow control).
 *
 * <p>When a streamed literal cannot be completed ({@link LiteralCutException}) the client can no
 * longer tell where a response ends: the connection is closed at once and nothing more is written,
 * not even the BYE the session then sends.
 */
final class ChannelResponder implements Responder, ImapWriter.Sink {
    private static final Logger log = LoggerFactory.getLogger(ChannelResponder.class);
    private static final long WRITABILITY_CHECK_MILLIS = 200;

    private final Channel channel;
    private final ImapWriter writer;
    private final ResponseEncoders encoders;
    private final SessionContext context;
    private final Object writability = new Object();
    private ChannelFuture lastWrite;
    private volatile boolean cut;

    ChannelResponder(Channel channel, ResponseEncoders encoders, SessionContext context) {
        this.channel = channel;
        this.encoders = encoders;
        this.context = context;
        this.writer = new ImapWriter(this);
    }

    @Override
    public synchronized void untagged(ImapResponse response) {
        writer.utf8(context.rev2());
        try {
            encoders.encode(response, writer);
        } catch (LiteralCutException e) {
            log.info("closing the connection from {}: {}", channel.remoteAddress(), e.getMessage());
            cut = true;
            writer.discard();
            channel.close();
            throw new ImapByeException("Response cut short");
        }
    }

    /** Any response, tagged ones included. */
    synchronized void send(ImapResponse response) {
        untagged(response);
    }

    @Override
    public synchronized void flush() {
        writer.flush();
    }

    /** Flushes, then closes the connection once everything is written. */
    synchronized void flushAndClose() {
        writer.flush();
        if (lastWrite == null) {
            channel.close();
        } else {
            lastWrite.addListener(future -> channel.close());
        }
    }

    /** The text of a response, for the one written outside this writer (STARTTLS's OK, written in plaintext before TLS). */
    synchronized void flushPending() {
        writer.flush();
    }

    synchronized void release() {
        writer.discard();
    }

    @Override
    public void write(ByteBuf bytes) {
        if (cut || !channel.isActive()) {
            bytes.release();
            return;
        }
        lastWrite = channel.writeAndFlush(bytes);
        if (!channel.eventLoop().inEventLoop()) {
            awaitWritable();
        }
    }

    @Override
    public boolean connected() {
        return !cut && channel.isActive();
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    private void awaitWritable() {
        synchronized (writability) {
            while (!channel.isWritable() && channel.isActive()) {
                try {
                    writability.wait(WRITABILITY_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Called on the event loop when the channel's writability changes. */
    void writabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }
}
