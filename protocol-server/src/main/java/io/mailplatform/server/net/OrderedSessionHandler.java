package io.mailplatform.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the protocol sessions: decoded frames are handled one at a time, in arrival order, on
 * the channel's event loop. A handler that must block (store, directory, password hashing) calls
 * {@link #offload}; the session is then busy, later frames (pipelined commands) wait in a queue,
 * and the continuation runs back on the event loop. Replies therefore always leave in command
 * order, and no event-loop thread ever blocks.
 *
 * <p>A client that does not read its replies gets no more commands executed: frames wait while the
 * channel is not writable (its outbound buffer above the high water mark), and once the queue is
 * full reading stops, so neither replies nor commands pile up in memory.
 */
public abstract class OrderedSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(OrderedSessionHandler.class);

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final Executor workers;
    private boolean busy;
    private boolean offloaded;
    private boolean readsPausedByQueue;
    private boolean plaintextAfterStartTls;
    protected ChannelHandlerContext ctx;

    protected OrderedSessionHandler(Executor workers) {
        this.workers = workers;
    }

    /** Handles one decoded frame; the frame is released afterwards. */
    protected abstract void handle(Object frame);

    /** Answers a failure the handler did not expect (a bug or an outage), e.g. {@code 451 4.3.0}. */
    protected abstract void internalError(RuntimeException e);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object frame) {
        if (plaintextAfterStartTls) {
            // decoded from the same plaintext read as STARTTLS/STLS, before the TLS handshake finished
            ReferenceCountUtil.release(frame);
            return;
        }
        pending.add(frame);
        if (pending.size() >= MAX_QUEUED_FRAMES) {
            // a client pipelining faster than the session works: stop reading until the queue drains,
            // so memory per session stays bounded (TCP flow control then slows the client down); said
            // again at every frame, as another handler may have turned reading back on
            readsPausedByQueue = true;
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    /** Frames held back while the client did not read resume once it has. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discardPending();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("session closed on error: {}", cause.toString());
        ctx.close();
    }

    protected final void drain() {
        while (!busy && !pending.isEmpty() && ctx.channel().isActive() && ctx.channel().isWritable()) {
            Object frame = pending.poll();
            try {
                handle(frame);
            } catch (RuntimeException e) {
                log.error("session error", e);
                internalError(e);
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
        if (readsPausedByQueue && pending.size() <= MAX_QUEUED_FRAMES / 4) {
            readsPausedByQueue = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * Takes the frames waiting behind the one being handled, in order, as long as {@code accept}
     * takes them (at most {@code max}), so that one worker task can run pipelined commands one
     * after another without a round trip through the event loop for each. What the handler does not
     * get to goes back with {@link #putBack}; the handler owns (releases) the frames it keeps.
     */
    protected final List<Object> takePending(Predicate<Object> accept, int max) {
        List<Object> taken = new ArrayList<>();
        while (taken.size() < max && !pending.isEmpty() && accept.test(pending.peek())) {
            taken.add(pending.poll());
        }
        return taken;
    }

    /** Returns frames taken by {@link #takePending} to the head of the queue, in their order; on the event loop. */
    protected final void putBack(List<Object> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            pending.addFirst(frames.get(i));
        }
    }

    /** Frames queued at most before the session stops reading from the socket. */
    static final int MAX_QUEUED_FRAMES = 256;

    /**
     * Runs {@code work} on the worker pool, then {@code then} with its result on the event loop; a
     * failure of the work reaches {@link #internalError}. Frames arriving meanwhile wait.
     */
    protected final <T> void offload(Supplier<T> work, Consumer<T> then) {
        busy = true;
        offloaded = true;
        onWorker(work, (value, error) -> {
            busy = false;
            offloaded = false;
            try {
                if (error != null) {
                    log.error("session work failed", error);
                    internalError(error);
                } else {
                    then.accept(value);
                }
            } catch (RuntimeException e) {
                log.error("session error", e);
                internalError(e);
            }
            drain();
        });
    }

    /** Runs {@code work} on the worker pool, then {@code then} on the event loop with its result or its failure. */
    private <T> void onWorker(Supplier<T> work, BiConsumer<T, RuntimeException> then) {
        workers.execute(SessionLogContext.wrap(ctx.channel(), () -> {
            T result = null;
            RuntimeException failure = null;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            T value = result;
            RuntimeException error = failure;
            ctx.executor().execute(SessionLogContext.wrap(ctx.channel(), () -> then.accept(value, error)));
        }));
    }

    /**
     * Runs {@code work} on the worker pool without holding later frames back (work the session may
     * need later, such as reading ahead), then {@code then} on the event loop with its result, or
     * with the failure and a null result.
     */
    protected final <T> void inBackground(Supplier<T> work, BiConsumer<T, RuntimeException> then) {
        onWorker(work, (value, error) -> {
            try {
                then.accept(value, error);
            } catch (RuntimeException e) {
                log.error("session error", e);
            }
        });
    }

    /**
     * Holds later frames back until {@code done} completes (a result that {@link #inBackground}
     * work is still producing), then runs {@code then} on the event loop, as {@link #offload} does.
     */
    protected final void holdUntil(CompletionStage<?> done, Runnable then) {
        busy = true;
        done.whenComplete((ignored, failure) -> ctx.executor().execute(SessionLogContext.wrap(ctx.channel(), () -> {
            busy = false;
            try {
                then.run();
            } catch (RuntimeException e) {
                log.error("session error", e);
                internalError(e);
            }
            drain();
        })));
    }

    /**
     * Runs {@code then} on the event loop after {@code delay}, holding later frames back meanwhile
     * (a throttled login answer must not let pipelined guesses through early).
     */
    protected final void after(Duration delay, Runnable then) {
        if (delay.isZero() || delay.isNegative()) {
            then.run();
            return;
        }
        suspend();
        ctx.executor().schedule(SessionLogContext.wrap(ctx.channel(), () -> {
            try {
                then.run();
            } catch (RuntimeException e) {
                log.error("session error", e);
                internalError(e);
            }
            resume();
        }), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The client's IP address (after the PROXY protocol, if a listener uses it). */
    protected InetAddress clientAddress() {
        return ClientAddress.of(ctx.channel()).getAddress();
    }

    /** Whether later frames wait: work is offloaded, a reply is delayed, or the session is suspended. */
    protected final boolean busy() {
        return busy;
    }

    /** Whether a worker is running the session's work now (and may be writing to the channel). */
    protected final boolean offloaded() {
        return offloaded;
    }

    /** Marks the session busy until {@link #resume()}, for waits that are not worker tasks (a Kafka ack). */
    protected final void suspend() {
        busy = true;
    }

    /** Ends a {@link #suspend()}; call on the event loop. */
    protected final void resume() {
        busy = false;
        drain();
    }

    /**
     * Switches the connection to TLS after the reply to STARTTLS/STLS. Frames the client pipelined
     * after the command were sent in plaintext and are discarded, never executed under TLS
     * (RFC 3207 §4.2, RFC 2595 §3.1), as are bytes the decoder holds.
     */
    protected final void startTls(SslContext sslContext, CrlfLineDecoder decoder, String reply) {
        discardPending();
        if (decoder != null) {
            decoder.discardBuffered();
        }
        // the decoder may already have split further plaintext lines off the same read and still deliver
        // them: everything that reaches this handler before the handshake completes is dropped
        plaintextAfterStartTls = true;
        // startTls = true: the reply below still leaves in plaintext, then the handshake begins
        SslHandler tls = new SslHandler(sslContext.newEngine(ctx.alloc()), true);
        tls.handshakeFuture().addListener(handshake -> plaintextAfterStartTls = false);
        ctx.pipeline().addFirst("tls", tls);
        write(reply);
    }

    protected final boolean isTls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    private void discardPending() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    /** Writes text (UTF-8) as is: the caller supplies the line ends. */
    protected final ChannelFuture write(String text) {
        return ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    protected final ChannelFuture write(ByteBuf bytes) {
        return ctx.writeAndFlush(bytes);
    }
}
