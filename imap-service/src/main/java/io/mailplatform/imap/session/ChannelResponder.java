package io.mailplatform.imap.session;

import io.mailplatform.server.metrics.ProtocolMetrics;
import io.mailplatform.imap.encode.DeferredOutput;
import io.mailplatform.imap.encode.ImapWriter;
import io.mailplatform.imap.encode.ResponseEncoders;
import io.mailplatform.imap.response.ImapByeException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.server.net.QuickAck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes responses onto the channel, in order. Nothing here waits for the client: a write goes
 * to the channel's outbound buffer, and a command with much to say asks {@link #congested()}
 * between responses and pauses while the channel is not writable (RFC 9051 §5.3 flow control
 * without a thread per slow client). Parts of a response left for later ({@link DeferredOutput}:
 * literals read from the store as they are sent) are produced by {@link #congested()} while the
 * channel takes them; anything written after them queues behind them.
 *
 * <p>Used by one thread at a time, without locks: the worker running the session's command, or
 * the event loop when no command runs ({@link ImapSession} keeps to that), so closing a connection
 * never waits for a worker.
 *
 * <p>When a deferred literal cannot be completed the client can no longer tell where a response
 * ends: the connection is closed at once and nothing more is written, not even the BYE the session
 * then sends.
 */
final class ChannelResponder implements Responder {
    private static final Logger log = LoggerFactory.getLogger(ChannelResponder.class);

    private final Channel channel;
    private final ResponseEncoders encoders;
    private final SessionContext context;
    private final ProtocolMetrics metrics;
    /** Responses; their bytes queue behind deferred output. */
    private final ImapWriter writer;
    /** Deferred output, written as it is produced. */
    private final ImapWriter deferredWriter;
    /** Once a part of a response is deferred: that part ({@link DeferredOutput}) and every buffer after it. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private ChannelFuture lastWrite;
    private boolean cut;

    ChannelResponder(Channel channel, ResponseEncoders encoders, SessionContext context, ProtocolMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        this.encoders = encoders;
        this.context = context;
        this.writer = new ImapWriter(new ChannelSink(true));
        this.deferredWriter = new ImapWriter(new ChannelSink(false));
    }

    @Override
    public void untagged(ImapResponse response) {
        writer.utf8(context.utf8());
        encoders.encode(response, writer);
    }

    /** Any response, tagged ones included; completion results (OK, NO, BAD) and BYE are counted. */
    void send(ImapResponse response) {
        untagged(response);
        if (response instanceof ImapResponse.Status status
                && (status.tag() != null || status.condition() == ImapResponse.Condition.BYE)) {
            metrics.reply(status.condition().name());
        }
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean congested() {
        if (cut || !channel.isActive()) {
            release();
            throw new ImapByeException("Connection closed");
        }
        while (!queued.isEmpty() && channel.isWritable()) {
            Object next = queued.peek();
            if (next instanceof ByteBuf bytes) {
                queued.poll();
                lastWrite = channel.writeAndFlush(bytes);
            } else if (!writeNext((DeferredOutput) next)) {
                queued.poll();
            }
        }
        return !queued.isEmpty() || !channel.isWritable();
    }

    /**
     * Flushes a continuation request for a literal and asks for quick ACKs once it has left, so that
     * a client with Nagle's algorithm on sends the line end after the literal at once ({@link QuickAck}).
     */
    void flushBeforeLiteral() {
        writer.flush();
        QuickAck.after(lastWrite);
    }

    /** Whether part of a response is still to be written: a BYE now would land inside it. */
    boolean midResponse() {
        return !queued.isEmpty();
    }

    /** Writes {@code bye} unless it would land inside a response, then closes once everything is written. */
    void sendAndClose(ImapResponse bye) {
        if (midResponse()) {
            log.debug("closing the connection from {} in the middle of a response", channel.remoteAddress());
            release();
            channel.close();
            return;
        }
        send(bye);
        flushAndClose();
    }

    /** Flushes, then closes the connection once everything is written (or the write deadline expired). */
    void flushAndClose() {
        writer.flush();
        if (lastWrite == null || !queued.isEmpty()) {
            release();
            channel.close();
        } else {
            lastWrite.addListener(future -> channel.close());
        }
    }

    /** The text of a response, for the one written outside this writer (STARTTLS's OK, written in plaintext before TLS). */
    void flushPending() {
        writer.flush();
    }

    /** Drops what was not written (the connection is gone). */
    void release() {
        writer.discard();
        deferredWriter.discard();
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
    }

    private boolean writeNext(DeferredOutput output) {
        deferredWriter.utf8(context.utf8());
        try {
            boolean more = output.writeNext(deferredWriter);
            deferredWriter.flush();
            return more;
        } catch (RuntimeException e) {
            // the literal was announced, or the response begun: the client cannot find its end
            log.info("closing the connection from {}: {}", channel.remoteAddress(), e.toString());
            cut = true;
            release();
            channel.close();
            throw new ImapByeException("Response cut short");
        }
    }

    private boolean open() {
        return !cut && channel.isActive();
    }

    /**
     * The channel as a writer's sink: for responses ({@code behindDeferred}) bytes queue behind
     * deferred output; for deferred output they go straight out, its turn having come.
     */
    private final class ChannelSink implements ImapWriter.Sink {
        private final boolean behindDeferred;

        ChannelSink(boolean behindDeferred) {
            this.behindDeferred = behindDeferred;
        }

        @Override
        public void write(ByteBuf bytes) {
            if (!open()) {
                bytes.release();
            } else if (behindDeferred && !queued.isEmpty()) {
                queued.add(bytes);
            } else {
                lastWrite = channel.writeAndFlush(bytes);
            }
        }

        @Override
        public void defer(DeferredOutput output) {
            if (!behindDeferred) {
                // a deferred part produces its own octets; it never defers again
                throw new IllegalStateException("deferred output deferring again");
            }
            queued.add(output);
        }

        @Override
        public boolean connected() {
            return open();
        }

        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }
    }
}
